using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Plugins.Providers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static GitOps.Reconciler.Tests.Plugins.PluginFixtures;

namespace GitOps.Reconciler.Tests.Plugins;

public sealed class PluginHostTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    private PluginHost NewHost(params ISourceProvider[] extra) =>
        new(new SourceProviderRegistry([new YamlSourceProvider(YamlLimits.Default), .. extra]), _time, NullLogger<PluginHost>.Instance);

    [Fact]
    public async Task Apply_NewSnapshot_LoadsEverySourceWithItsHash()
    {
        var host = NewHost();
        var snapshot = TwoPlugins(KubeflowCatalog("m1", "m2"), KubeflowCatalog("m3"));

        await host.ApplyAsync(snapshot);

        var models = snapshot.Plugins["models"];
        Assert.Equal(models.Hash, host.GetAppliedHash("models"));
        var a = host.GetSourceStatus("models", "a")!;
        Assert.Equal(SourceState.Ready, a.State);
        Assert.Equal(2, a.EntityCount);
        Assert.Equal(models.SourceHashes["a"], a.AppliedHash);
        Assert.Equal(_time.GetUtcNow(), a.LastRefreshedAt);
        Assert.Equal(1, host.GetSourceStatus("mcp", "c")!.EntityCount);
        Assert.Equal(2, host.GetPlugin("models")!.Sources.Length);
    }

    [Fact]
    public async Task Apply_OneCatalogChanged_ReloadsThatSourceOnly()
    {
        var host = NewHost();
        await host.ApplyAsync(TwoPlugins(KubeflowCatalog("m1"), KubeflowCatalog("m3")));
        var before = host.Plugins;
        _time.Advance(TimeSpan.FromMinutes(1));

        await host.ApplyAsync(TwoPlugins(KubeflowCatalog("m1", "m2"), KubeflowCatalog("m3")));

        Assert.Equal(2, host.GetSourceStatus("models", "a")!.EntityCount);
        Assert.Equal(_time.GetUtcNow(), host.GetSourceStatus("models", "a")!.LastRefreshedAt);
        Assert.Same(before["models"].FindSource("b"), host.GetSource("models", "b"));
        Assert.Same(before["mcp"], host.GetPlugin("mcp"));
    }

    [Fact]
    public async Task Apply_PluginOrSourceGone_RemovesIt()
    {
        var host = NewHost();
        await host.ApplyAsync(TwoPlugins(KubeflowCatalog("m1"), KubeflowCatalog("m3")));

        await host.ApplyAsync(Snapshot(
            ("plugins/models/sources.yaml", SourcesYaml("models", YamlSource("a", "a.yaml"))),
            ("plugins/models/a.yaml", KubeflowCatalog("m1"))));

        Assert.Null(host.GetPlugin("mcp"));
        Assert.Null(host.GetSource("models", "b"));
        Assert.NotNull(host.GetSource("models", "a"));
    }

    [Fact]
    public async Task Apply_BadCatalogAndUnknownType_PutOnlyThoseSourcesInError()
    {
        var host = NewHost();
        var snapshot = UnvalidatedSnapshot("models",
            ("sources.yaml", SourcesYaml("models",
                YamlSource("good", "good.yaml"),
                YamlSource("bad", "bad.yaml"),
                "  - id: odd\n    name: odd\n    type: nonesuch\n")),
            ("good.yaml", KubeflowCatalog("m1")),
            ("bad.yaml", "models:\n  - name: x\n    description: [unclosed\n"));

        await host.ApplyAsync(snapshot);

        Assert.Equal(SourceState.Ready, host.GetSourceStatus("models", "good")!.State);
        var bad = host.GetSourceStatus("models", "bad")!;
        Assert.Equal(SourceState.Error, bad.State);
        Assert.Equal("plugins/models/bad.yaml", bad.Diagnostics[0].File);
        Assert.True(bad.Diagnostics[0].Line >= 3, $"line {bad.Diagnostics[0].Line}");
        var odd = host.GetSourceStatus("models", "odd")!;
        Assert.Equal(SourceState.Error, odd.State);
        Assert.Contains("unknown source type 'nonesuch'", odd.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_DisabledSource_IsDisabledWithNoEntities()
    {
        var host = NewHost();
        await host.ApplyAsync(Snapshot(
            ("plugins/models/sources.yaml", SourcesYaml("models", YamlSource("a", "a.yaml", enabled: false))),
            ("plugins/models/a.yaml", KubeflowCatalog("m1"))));

        var a = host.GetSource("models", "a")!;
        Assert.Equal(SourceState.Disabled, a.Status.State);
        Assert.Empty(a.Entities);
    }

    [Fact]
    public async Task Apply_IncludeAndExclude_FilterEntityNames()
    {
        var host = NewHost();
        await host.ApplyAsync(Snapshot(
            ("plugins/models/sources.yaml", SourcesYaml("models", YamlSource("a", "a.yaml",
                extra: "    include: [\"granite-*\"]\n    exclude: [\"*-preview\"]\n"))),
            ("plugins/models/a.yaml", KubeflowCatalog("granite-8b", "granite-3b-preview", "llama-7b"))));

        Assert.Equal(["granite-8b"], host.GetSource("models", "a")!.Entities.Select(e => e.Name));
    }

    [Fact]
    public async Task RefreshSource_ReloadsThatSourceAndKeepsTheOthersAndThePluginHash()
    {
        var host = NewHost();
        var first = TwoPlugins(KubeflowCatalog("m1"), KubeflowCatalog("m3"));
        await host.ApplyAsync(first);
        var b = host.GetSource("models", "b");
        _time.Advance(TimeSpan.FromSeconds(5));
        var next = TwoPlugins(KubeflowCatalog("m1", "m2", "m9"), KubeflowCatalog("m3", "m4"));

        var refreshed = await host.RefreshSourceAsync(next.Plugins["models"], "a");

        Assert.Equal(3, refreshed!.Status.EntityCount);
        Assert.Equal(3, host.GetSourceStatus("models", "a")!.EntityCount);
        Assert.Same(b, host.GetSource("models", "b"));
        Assert.Equal(first.Plugins["models"].Hash, host.GetAppliedHash("models"));
        Assert.Null(await host.RefreshSourceAsync(next.Plugins["models"], "nope"));
    }

    [Fact]
    public async Task RefreshPlugin_ReloadsUnchangedSourcesToo()
    {
        var host = NewHost();
        var snapshot = TwoPlugins(KubeflowCatalog("m1"), KubeflowCatalog("m3"));
        await host.ApplyAsync(snapshot);
        _time.Advance(TimeSpan.FromSeconds(5));

        var running = await host.RefreshPluginAsync(snapshot.Plugins["models"]);

        Assert.All(running.Sources, s => Assert.Equal(_time.GetUtcNow(), s.Status.LastRefreshedAt));
    }

    [Fact]
    public async Task ApplyPlugin_TamperedSnapshot_ChangesTheAppliedHashUntilTheDesiredOneIsApplied()
    {
        var host = NewHost();
        var desired = TwoPlugins(KubeflowCatalog("m1"), KubeflowCatalog("m3"));
        await host.ApplyAsync(desired);
        var tampered = TwoPlugins(KubeflowCatalog("evil"), KubeflowCatalog("m3")).Plugins["models"];

        await host.ApplyPluginAsync(tampered);
        Assert.Equal(tampered.Hash, host.GetAppliedHash("models"));
        Assert.Equal("evil", host.GetSource("models", "a")!.Entities[0].Name);

        await host.ApplyAsync(desired);
        Assert.Equal(desired.Plugins["models"].Hash, host.GetAppliedHash("models"));
        Assert.Equal("m1", host.GetSource("models", "a")!.Entities[0].Name);
    }

    [Fact]
    public async Task DryRun_LoadsInIsolationAndChangesNothing()
    {
        var host = NewHost();
        var snapshot = TwoPlugins(KubeflowCatalog("m1"), KubeflowCatalog([.. Enumerable.Range(0, 15).Select(i => $"b{i}")]));
        await host.ApplyAsync(snapshot);
        var before = host.Plugins;
        var candidate = snapshot.Plugins["models"].FindSource("a")! with { Properties = new Dictionary<string, object?> { ["yamlCatalogPath"] = "b.yaml" } };

        var result = await host.DryRunAsync(snapshot.Plugins["models"], candidate);

        Assert.Equal(SourceState.Ready, result.State);
        Assert.Equal(15, result.EntityCount);
        Assert.Equal(10, result.FirstEntities.Length);
        Assert.Equal("b0", result.FirstEntities[0]);
        Assert.Same(before, host.Plugins);
        Assert.Equal(1, host.GetSourceStatus("models", "a")!.EntityCount);
    }

    [Fact]
    public async Task Swap_UnderConcurrentReaders_ReadersSeeWholeStatesOnly()
    {
        var host = NewHost();
        var small = TwoPlugins(KubeflowCatalog("s1"), KubeflowCatalog("m3"));
        var large = TwoPlugins(KubeflowCatalog([.. Enumerable.Range(0, 200).Select(i => $"l{i}")]), KubeflowCatalog("m3"));
        await host.ApplyAsync(small);
        using var stop = new CancellationTokenSource();
        var torn = 0;
        var reads = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var source = host.GetSource("models", "a")!;
                // Status, entities and config of one read must describe the same load.
                var expected = source.Entities.Length == 1 ? small : large;
                if (source.Status.EntityCount != source.Entities.Length
                    || source.Status.AppliedHash != expected.Plugins["models"].SourceHashes["a"]) Interlocked.Increment(ref torn);
                Interlocked.Increment(ref reads);
            }
        })).ToList();

        // Swap only once the readers are running, so the swaps really race them (on a loaded machine they may start late).
        while (Volatile.Read(ref reads) < 2) await Task.Delay(1);
        for (var i = 0; i < 100; i++) await host.ApplyAsync(i % 2 == 0 ? large : small);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, torn);
        Assert.True(reads > 0);
    }
}
