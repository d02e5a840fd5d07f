using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Plugins.Providers;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Benchmarks;

/// <summary>B8: ingest of a ~10 MB catalog with 20,000 entities by the yaml provider (CatalogParser + include/exclude)
/// against YamlDotNet's <see cref="Parser"/> reading the same bytes event by event (the baseline). Goal: >= 0.6x its MB/s.</summary>
[Config(typeof(ShortInProcess))]
[MemoryDiagnoser]
public class CatalogIngestBenchmark
{
    /// <summary>A short job, in process, as in every recorded B8 run (out of process works too: docs/PERFORMANCE.md "How to run").</summary>
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }

    private byte[] _catalog = [];
    private SourceLoadRequest _request = null!;
    private YamlSourceProvider _provider = null!;
    private NameFilter _filter = null!;

    [Params(20_000)]
    public int Entities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalog = Generate(Entities);
        Console.WriteLine($"// catalog: {_catalog.Length / 1_000_000.0:F1} MB, {Entities} entities");
        var source = new SourceConfig("bench", "bench", "yaml", true, [],
            new Dictionary<string, object?> { ["yamlCatalogPath"] = "catalog.yaml" }, ["model-*"], ["*-preview"]);
        _request = new SourceLoadRequest("models", source,
            ImmutableSortedDictionary.Create<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal).Add("catalog.yaml", _catalog));
        _provider = new YamlSourceProvider(YamlLimits.Default);
        _filter = new NameFilter(source.Include, source.Exclude);
    }

    [Benchmark(Baseline = true)]
    public int YamlDotNetEvents()
    {
        var parser = new Parser(new StreamReader(new MemoryStream(_catalog), Encoding.UTF8));
        var count = 0;
        while (parser.MoveNext())
            if (parser.Current is Scalar) count++;
        return count;
    }

    [Benchmark]
    public int YamlProviderLoad()
    {
        var result = (SourceLoadResult.Loaded)_provider.LoadAsync(_request, CancellationToken.None).GetAwaiter().GetResult();
        var kept = 0;
        foreach (var entity in result.Entities)
            if (_filter.Matches(entity.Name)) kept++;
        return kept;
    }

    /// <summary>Kubeflow-shaped entities of ~500 bytes: multi-line readme, data-URI logo, nested customProperties.</summary>
    internal static byte[] Generate(int entities)
    {
        var text = new StringBuilder("source: Benchmark\nmodels:\n");
        for (var i = 0; i < entities; i++)
        {
            text.Append("  - name: model-").Append(i).Append(i % 10 == 0 ? "-preview\n" : "\n");
            text.Append("    description: Generated model number ").Append(i).Append(" for the ingest benchmark\n");
            text.Append("    readme: |\n      # Model ").Append(i).Append("\n\n      A multi-line readme with `code`, colons: and more text to fill the line.\n      Second paragraph line.\n");
            text.Append("    logo: data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAxMCAxMCIvPg==\n");
            text.Append("    license: apache-2.0\n");
            text.Append("    customProperties:\n      size:\n        metadataType: MetadataStringValue\n        string_value: 8B\n");
            text.Append("    artifacts:\n      - uri: oci://registry.example/models/model-").Append(i).Append(":1.0\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
