using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Observability;
using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Git;
using k8s;
using k8s.Models;

namespace GitOps.Reconciler.Tests.Reconciliation;

public sealed class ReconcilePassTests
{
    [Fact]
    public async Task FirstPass_StartsEveryPluginAndCreatesTheirConfigMaps()
    {
        await using var f = await ReconcileFixture.StartAsync(firstPass: false);

        var report = await f.Replica.RunAsync();

        var desired = f.Repo.Store.Current;
        Assert.Equal(ReconcileOutcome.Succeeded, report.Outcome);
        Assert.Equal((desired.Head, desired.Head), (report.AttemptedHead, report.AppliedHead));
        Assert.True(report.ConfigMapsChecked);
        Assert.Contains("models: running plugin started", report.Actions);
        Assert.Contains("configmap gitops-mcp: Created", report.Actions);
        foreach (var (name, plugin) in desired.Plugins)
        {
            Assert.Equal(plugin.Hash, f.Replica.Host.GetAppliedHash(name));
            Assert.Equal(plugin.Hash, ConfigMapManifest.ContentHashOf(await f.ReadConfigMapAsync(name)));
            var state = Assert.Single(report.Plugins, p => p.Name == name);
            Assert.Equal((plugin.Hash, plugin.Hash, plugin.Hash, (string?)null), (state.DesiredHash, state.RunningHash, state.ConfigMapHash, state.Error));
        }
        Assert.Equal(2, (await f.EventsAsync("Created")).Count);
    }

    [Fact]
    public async Task Pass_WithUnchangedSnapshotAndNoDrift_WritesNothingAndReappliesNoPlugin()
    {
        await using var f = await ReconcileFixture.StartAsync();
        var writes = f.Replica.Targets.Calls.Writes;
        var models = f.Replica.Host.GetPlugin("models");

        var report = await f.Replica.RunAsync();

        Assert.Equal(ReconcileOutcome.Succeeded, report.Outcome);
        Assert.Empty(report.Actions);
        Assert.Equal(writes, f.Replica.Targets.Calls.Writes);
        Assert.Same(models, f.Replica.Host.GetPlugin("models"));
        Assert.All(report.Plugins, p => Assert.False(p.PluginDrifted || p.ConfigMapDrifted));
    }

    [Fact]
    public async Task PassAfterAnOrdinaryCommit_AppliesIt_ButReportsNoDriftOnEitherTarget()
    {
        // Issue 11: a target behind a new commit is not drift; drift is a target that moved away from what was applied.
        await using var f = await ReconcileFixture.StartAsync();
        Assert.IsType<MutationOutcome.Committed>(await f.Repo.Store.MutateAsync(Mutations.IncrementCounter(f.Repo.Store.Current.Head)));

        var report = await f.Replica.RunAsync();

        var models = Assert.Single(report.Plugins, p => p.Name == "models");
        Assert.Equal(f.Repo.Store.Current.Plugins["models"].Hash, models.RunningHash);
        Assert.Contains(report.Actions, a => a.StartsWith("models: running plugin updated to", StringComparison.Ordinal));
        Assert.False(models.PluginDrifted);
        Assert.False(models.ConfigMapDrifted);
        Assert.Contains(report.Actions, a => a.StartsWith("configmap gitops-models: DriftCorrected", StringComparison.Ordinal) && a.Contains("new commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfigMapEditedBehindOurBack_IsRestoredWithinOnePass_AndADriftCorrectedEventNamesTheCommit()
    {
        await using var f = await ReconcileFixture.StartAsync();
        var drifts = f.Replica.Metrics.DriftCount(DriftTarget.ConfigMap);
        await f.Kube.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"servers.yaml":"mcp_servers: []\n"}}""", V1Patch.PatchType.MergePatch), "gitops-mcp", f.Ns);

        var report = await f.Replica.RunAsync();

        var head = f.Repo.Store.Current.Head;
        Assert.Equal(ReconcileOutcome.Succeeded, report.Outcome);
        Assert.Equal("configmap gitops-mcp: DriftCorrected (Data)", Assert.Single(report.Actions));
        Assert.True(Assert.Single(report.Plugins, p => p.Name == "mcp").ConfigMapDrifted);
        Assert.Equal("mcp_servers:\n  - name: fetch\n  - name: files\n", (await f.ReadConfigMapAsync("mcp")).Data["servers.yaml"]);
        Assert.Contains(head, Assert.Single(await f.EventsAsync("DriftCorrected")).Message, StringComparison.Ordinal);
        Assert.True(f.Replica.Metrics.DriftCount(DriftTarget.ConfigMap) > drifts);
    }

    [Fact]
    public async Task DeletedConfigMap_IsRecreated_WithACreatedEvent()
    {
        await using var f = await ReconcileFixture.StartAsync();
        await f.Kube.CoreV1.DeleteNamespacedConfigMapAsync("gitops-models", f.Ns);

        var report = await f.Replica.RunAsync();

        Assert.Equal("configmap gitops-models: Created (was deleted)", Assert.Single(report.Actions));
        Assert.Equal(f.Repo.Store.Current.Plugins["models"].Hash, (await f.ReadConfigMapAsync("models")).Metadata.Annotations["gitops.reconciler/hash"]);
        Assert.Equal(3, (await f.EventsAsync("Created")).Count); // two at the first pass, one now
    }

    [Fact]
    public async Task RunningPluginTamperedInMemory_IsReinitialisedByTheNextPass()
    {
        await using var f = await ReconcileFixture.StartAsync();
        var desired = f.Repo.Store.Current.Plugins["models"];
        var tamperedFiles = desired.Files.SetItem("counter.yaml", Encoding.UTF8.GetBytes(ConfigRepoSeed.Counter(99)));
        await f.Replica.Host.ApplyPluginAsync(desired with { Files = tamperedFiles, Hash = ContentHash.Of(tamperedFiles) });
        var writes = f.Replica.Targets.Calls.Writes;

        var report = await f.Replica.RunAsync();

        Assert.Equal("models: running plugin re-initialised (drift)", Assert.Single(report.Actions));
        Assert.True(Assert.Single(report.Plugins, p => p.Name == "models").PluginDrifted);
        Assert.Equal(desired.Hash, f.Replica.Host.GetAppliedHash("models"));
        Assert.Equal(writes, f.Replica.Targets.Calls.Writes);
    }

    [Fact]
    public async Task PluginRemovedFromTheRepository_HasItsConfigMapPruned_AndItsRunningPluginRemoved()
    {
        await using var f = await ReconcileFixture.StartAsync();
        var outcome = await f.Repo.Store.MutateAsync(Mutations.SetFiles(null, "mcp: remove plugin",
            (ConfigRepoSeed.McpSources, null), ("plugins/mcp/servers.yaml", null)));
        var head = Assert.IsType<MutationOutcome.Committed>(outcome).Head;

        var report = await f.Replica.RunAsync();

        Assert.Equal(ReconcileOutcome.Succeeded, report.Outcome);
        Assert.Contains("mcp: running plugin removed (gone from the repository)", report.Actions);
        Assert.Contains("configmap gitops-mcp: Pruned", report.Actions);
        Assert.Null(f.Replica.Host.GetPlugin("mcp"));
        Assert.NotNull(f.Replica.Host.GetPlugin("models"));
        Assert.Null(f.Server.Store.Find(TestSupport.Kubernetes.KubeResourceType.ConfigMaps, f.Ns, "gitops-mcp"));
        Assert.Contains(head, Assert.Single(await f.EventsAsync("Pruned")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiServerAnswering500ForOnePass_LeavesItDegraded_AndTheNextPassRecovers()
    {
        await using var f = await ReconcileFixture.StartAsync();
        await f.Kube.CoreV1.DeleteNamespacedConfigMapAsync("gitops-models", f.Ns);
        f.Server.Faults.FailNext(1000, 500);

        var failed = await f.Replica.RunAsync();
        f.Server.Faults.Clear();
        var recovered = await f.Replica.RunAsync();

        Assert.Equal(ReconcileOutcome.Degraded, failed.Outcome);
        Assert.Contains("ConfigMaps not checked", failed.Error, StringComparison.Ordinal);
        Assert.Equal(f.Repo.Store.Current.Head, failed.AppliedHead); // the running plugins are unaffected
        Assert.Equal(ReconcileOutcome.Succeeded, recovered.Outcome);
        Assert.Null(recovered.Error);
        Assert.Contains("configmap gitops-models: Created (was deleted)", recovered.Actions);
        Assert.NotNull(await f.ReadConfigMapAsync("models"));
    }

    [Fact]
    public async Task InvalidHeadCommit_KeepsTheLastGoodSnapshotApplied_AndTheReportNamesTheCommit()
    {
        await using var f = await ReconcileFixture.StartAsync();
        var good = f.Repo.Store.Current;
        var writes = f.Replica.Targets.Calls.Writes;
        var bad = GitCli.CommitFile(f.Repo.GitDirectory, "main", ConfigRepoSeed.ModelsSources, "apiVersion: gitops/v1\nplugin: [broken\n", "break models");

        var report = await f.Replica.RunAsync();

        Assert.Equal(ReconcileOutcome.Degraded, report.Outcome);
        Assert.Equal((bad, good.Head), (report.AttemptedHead, report.AppliedHead));
        Assert.Contains(bad, report.Error, StringComparison.Ordinal);
        Assert.Equal(bad, f.Repo.Store.HeadError?.Head);
        Assert.Equal(good.Hash, f.Repo.Store.Current.Hash);
        Assert.Equal(good.Plugins["models"].Hash, f.Replica.Host.GetAppliedHash("models"));
        Assert.Equal(writes, f.Replica.Targets.Calls.Writes);
    }

    [Fact]
    public async Task PassWithoutKubernetes_AppliesPluginsAndChecksNoConfigMaps()
    {
        using var repo = new TestStore();
        await using var replica = TestSupport.Reconciliation.ReconcileReplica.Start(repo.Store, kube: null);

        var report = await replica.RunAsync();

        Assert.Equal(ReconcileOutcome.Succeeded, report.Outcome);
        Assert.False(report.ConfigMapsChecked);
        Assert.All(report.Plugins, p => Assert.Null(p.ConfigMapHash));
        Assert.Equal(repo.Store.Current.Plugins.Keys, replica.Host.Plugins.Keys);
    }

    [Fact]
    public async Task PluginWhoseFilesExceedTheConfigMapLimit_IsReportedTooLarge_WhileItsRunningPluginIsApplied()
    {
        await using var f = await ReconcileFixture.StartAsync();
        var big = "models:\n" + string.Concat(Enumerable.Range(0, 30_000).Select(i => $"  - name: model-{i:D6}-padding-padding\n"));
        await f.Repo.Store.MutateAsync(Mutations.SetFiles(null, "models: big catalog", (ConfigRepoSeed.CounterPath, big)));

        var report = await f.Replica.RunAsync();

        var models = Assert.Single(report.Plugins, p => p.Name == "models");
        Assert.Equal(ReconcileOutcome.Degraded, report.Outcome);
        Assert.StartsWith("TooLarge", models.Error, StringComparison.Ordinal);
        Assert.Equal(models.DesiredHash, models.RunningHash);
        Assert.Null(Assert.Single(report.Plugins, p => p.Name == "mcp").Error);
    }
}
