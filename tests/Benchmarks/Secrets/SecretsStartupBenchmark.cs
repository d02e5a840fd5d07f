using System.Text;
using BenchmarkDotNet.Attributes;
using GitOps.Benchmarks.Git;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Plugins.Providers;
using GitOps.Reconciler.Secrets;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Benchmarks.Secrets;

/// <summary>B11: start-up to ready (validate the whole tree into a snapshot, then load every source of every plugin) of a
/// repository whose sources use 10,000 secret values, against the same repository with the values written in plain
/// text. 100 plugins × 10 yaml sources (a 100-entity catalog each); with secrets, each plugin has a secrets.yaml of 100
/// envelopes and each source refers to 10 of them, so every one of the 10,000 values is decrypted. Goal: &lt;= 1.1x.</summary>
[MemoryDiagnoser]
[ShortInProcessJob(warmupCount: 1, iterationCount: 7)]
public class SecretsStartupBenchmark
{
    private const int Plugins = 100;
    private const int SourcesPerPlugin = 10;
    private const int SecretsPerSource = 10;

    private readonly SecretCipher _cipher = new(new KeyRing([SecretKey.Generate("k1")]));
    private Dictionary<string, ReadOnlyMemory<byte>> _plain = null!;
    private Dictionary<string, ReadOnlyMemory<byte>> _withSecrets = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = Repository(withSecrets: false);
        _withSecrets = Repository(withSecrets: true);
    }

    [Benchmark(Baseline = true, Description = "start-up, values in plain text")]
    public Task<int> Plain() => StartAsync(_plain);

    [Benchmark(Description = "start-up, 10,000 encrypted values")]
    public Task<int> WithSecrets() => StartAsync(_withSecrets);

    private async Task<int> StartAsync(Dictionary<string, ReadOnlyMemory<byte>> files)
    {
        var snapshot = new SnapshotBuilder().Build(files) is SnapshotResult.Valid valid ? valid.Snapshot : throw new InvalidOperationException("invalid repository");
        var host = new PluginHost(new SourceProviderRegistry([new YamlSourceProvider(YamlLimits.Default)]), TimeProvider.System, NullLogger<PluginHost>.Instance, _cipher);
        await host.ApplyAsync(snapshot);
        var ready = host.Plugins.Values.Sum(p => p.Sources.Count(s => s.Status.State == SourceState.Ready));
        return ready == Plugins * SourcesPerPlugin ? ready : throw new InvalidOperationException($"only {ready} sources are ready");
    }

    private Dictionary<string, ReadOnlyMemory<byte>> Repository(bool withSecrets)
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        for (var p = 0; p < Plugins; p++)
        {
            var plugin = $"plugin-{p:D3}";
            var sources = new StringBuilder($"apiVersion: gitops/v1\nplugin: {plugin}\nsources:\n");
            var secrets = new StringBuilder("apiVersion: gitops/v1\nsecrets:\n");
            for (var s = 0; s < SourcesPerPlugin; s++)
            {
                sources.Append($"  - id: source_{s}\n    name: Source {s}\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-{s}.yaml\n");
                for (var k = 0; k < SecretsPerSource; k++)
                {
                    var name = $"credential-{s}-{k}";
                    var value = $"value-{plugin}-{name}-0123456789abcdef";
                    sources.Append($"      {name.Replace('-', '_')}: \"{(withSecrets ? $"${{secret:{name}}}" : value)}\"\n");
                    secrets.Append($"  {name}: \"{_cipher.Encrypt(plugin, name, value)}\"\n");
                }
                files[$"plugins/{plugin}/catalog-{s}.yaml"] = Catalog(s);
            }
            files[$"plugins/{plugin}/sources.yaml"] = Encoding.UTF8.GetBytes(sources.ToString());
            if (withSecrets) files[$"plugins/{plugin}/secrets.yaml"] = Encoding.UTF8.GetBytes(secrets.ToString());
        }
        return files;
    }

    private static byte[] Catalog(int seed)
    {
        var text = new StringBuilder("source: Benchmark\nmodels:\n");
        for (var i = 0; i < 100; i++)
            text.Append($"  - name: model-{seed}-{i}\n    provider: Example\n    license: apache-2.0\n    description: A model used to measure start-up\n    tags: [a, b, c]\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
