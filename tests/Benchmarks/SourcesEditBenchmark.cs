using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Configuration.Editing;

namespace GitOps.Benchmarks;

/// <summary>B13: one API toggle on a ~1 MB sources.yaml. Baseline: what a mutation did before issue 13, regenerating the whole
/// file from the parsed document (<see cref="SourcesYamlWriter"/>). Measured: the faithful in-place edit
/// (<see cref="SourcesYamlEditor"/>: diff the file's tree against the wanted sources, splice). Both start from what the
/// snapshot already holds (the parsed document; its tree with spans). Goal: the edit takes under 2x the rewrite.</summary>
[Config(typeof(ShortInProcess))]
[MemoryDiagnoser]
public class SourcesEditBenchmark
{
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
    }

    private byte[] _file = [];
    private SourcesDocument _document = null!;
    private SourcesParseResult.Parsed _parsed = null!;
    private SourceConfig[] _toggled = [];

    [Params("kubeflow", "gitops/v1")]
    public string Dialect { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _file = Generate(Dialect == "kubeflow", 1_000_000);
        var parsed = SourcesFileParser.Parse("plugins/catalog/sources.yaml", _file, YamlLimits.Default);
        _parsed = (SourcesParseResult.Parsed)parsed;
        _document = _parsed.Document;
        var middle = _document.Sources.Length / 2;
        _toggled = [.. _document.Sources.Select((s, i) => i == middle ? s with { Enabled = false } : s)];
        Console.WriteLine($"// sources.yaml: {_file.Length / 1_000_000.0:F2} MB, {_document.Sources.Length} sources, {Dialect}");
    }

    [Benchmark(Baseline = true)]
    public int FullRewrite() => SourcesYamlWriter.Write(_document with { Sources = [.. _toggled] }).Length;

    [Benchmark]
    public int FaithfulEdit() => SourcesYamlEditor.Edit(_file, _parsed.Tree, _document.Config, _toggled, YamlLimits.Default)!.Length;

    /// <summary>The same edit without the snapshot's tree: the file is read again first (shown for scale, not the API path).</summary>
    [Benchmark]
    public int FaithfulEditRereading() => SourcesYamlEditor.Edit(_file, _document.Config, _toggled, YamlLimits.Default)!.Length;

    /// <summary>A commented sources.yaml of about <paramref name="bytes"/> bytes: sources with labels, properties and filters.</summary>
    public static byte[] Generate(bool kubeflow, int bytes)
    {
        var text = new StringBuilder(bytes + 1024);
        text.Append(kubeflow ? "# Generated catalog sources\nmodel_catalogs:\n" : "apiVersion: gitops/v1\nplugin: catalog\nconfig:\n  pageSize: 50\nsources:\n");
        for (var i = 0; text.Length < bytes; i++)
        {
            var n = i.ToString("D5", CultureInfo.InvariantCulture);
            if (i % 10 == 0) text.Append("  # Team ").Append(n).Append(" publishes these models.\n");
            if (kubeflow)
                text.Append("  - name: \"Team ").Append(n).Append(" Models\"\n    id: team_").Append(n).Append("\n    type: yaml\n    enabled: true\n")
                    .Append("    properties:\n      yamlCatalogPath: team-").Append(n).Append(".yaml\n    labels:\n      - Team ").Append(n)
                    .Append("\n    excludedModels:\n      - \"*-preview\"\n");
            else
                text.Append("  - id: team_").Append(n).Append("\n    name: Team ").Append(n).Append(" Models\n    type: yaml\n    enabled: true\n")
                    .Append("    labels: [Team ").Append(n).Append("]\n    properties:\n      yamlCatalogPath: team-").Append(n).Append(".yaml\n")
                    .Append("    exclude: [\"*-preview\"]\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
