using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;

namespace GitOps.Reconciler.Tests.Reconciliation;

public sealed class ReconcilePlannerTests
{
    private static ConfigSnapshot Snapshot(params string[] plugins)
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>();
        foreach (var plugin in plugins)
            files[$"plugins/{plugin}/sources.yaml"] = Encoding.UTF8.GetBytes($"apiVersion: gitops/v1\nplugin: {plugin}\nsources: []\n");
        var result = new SnapshotBuilder().Build(files, "head", "tree");
        return Assert.IsType<SnapshotResult.Valid>(result).Snapshot;
    }

    private static ImmutableDictionary<string, string> HashesOf(ConfigSnapshot snapshot) =>
        snapshot.Plugins.ToImmutableDictionary(p => p.Key, p => p.Value.Hash);

    [Fact]
    public void Plan_WhenEverythingMatches_HasNoActions()
    {
        var desired = Snapshot("models", "mcp");
        var plan = ReconcilePlanner.Plan(desired, HashesOf(desired), new TargetObservation(HashesOf(desired)));

        Assert.True(plan.Actions.IsEmpty);
        Assert.All(plan.Plugins, p => Assert.False(p.PluginDrifted || p.ConfigMapDrifted));
        Assert.True(plan.ConfigMapsChecked);
    }

    [Fact]
    public void Plan_WithTamperedRunningPlugin_ReappliesOnlyThatPlugin()
    {
        var desired = Snapshot("models", "mcp");
        var running = HashesOf(desired).SetItem("models", "tampered");

        var plan = ReconcilePlanner.Plan(desired, running, new TargetObservation(HashesOf(desired)));

        Assert.Equal([new PlanAction(PlanActionKind.ApplyPlugin, "models", ActionReason.Drifted)], plan.Actions.ToArray());
        var models = Assert.Single(plan.Plugins, p => p.Plugin == "models");
        Assert.True(models.PluginDrifted);
        Assert.False(models.ConfigMapDrifted);
        Assert.Equal("tampered", models.RunningHash);
    }

    [Fact]
    public void Plan_WithEditedOrMissingConfigMap_WritesThoseConfigMaps()
    {
        var desired = Snapshot("models", "mcp", "data");
        var observed = HashesOf(desired).SetItem("models", "edited").Remove("mcp");

        var plan = ReconcilePlanner.Plan(desired, HashesOf(desired), new TargetObservation(observed));

        Assert.Equal(
            [new PlanAction(PlanActionKind.WriteConfigMap, "mcp", ActionReason.Missing), new PlanAction(PlanActionKind.WriteConfigMap, "models", ActionReason.Changed)],
            plan.Actions.OrderBy(a => a.Plugin, StringComparer.Ordinal));
    }

    [Fact]
    public void Plan_WithPluginRemovedFromRepository_RemovesRunningPluginAndPrunesConfigMap()
    {
        var before = Snapshot("models", "mcp");
        var desired = Snapshot("models");

        var plan = ReconcilePlanner.Plan(desired, HashesOf(before), new TargetObservation(HashesOf(before)));

        Assert.Contains(new PlanAction(PlanActionKind.RemovePlugin, "mcp", ActionReason.Gone), plan.Actions);
        Assert.Contains(new PlanAction(PlanActionKind.PruneConfigMap, "mcp", ActionReason.Gone), plan.Actions);
        Assert.Equal(2, plan.Actions.Length);
    }

    [Fact]
    public void Plan_WithoutConfigMapObservation_NeverTouchesConfigMaps()
    {
        var desired = Snapshot("models");

        var plan = ReconcilePlanner.Plan(desired, ImmutableDictionary<string, string>.Empty, configMaps: null);

        Assert.Equal([new PlanAction(PlanActionKind.ApplyPlugin, "models", ActionReason.Missing)], plan.Actions.ToArray());
        Assert.False(plan.ConfigMapsChecked);
        Assert.Null(Assert.Single(plan.Plugins).ConfigMapHash);
    }

    [Fact]
    public void Plan_TargetsStillHoldingWhatWasLastApplied_AreChanged_NotDrifted()
    {
        var before = Snapshot("models");
        var desired = WithNotes(before, "models");
        var last = new AppliedTargets(HashesOf(before), HashesOf(before));

        var plan = ReconcilePlanner.Plan(desired, HashesOf(before), new TargetObservation(HashesOf(before)), last);

        Assert.Equal(
            [new PlanAction(PlanActionKind.ApplyPlugin, "models", ActionReason.Changed), new PlanAction(PlanActionKind.WriteConfigMap, "models", ActionReason.Changed)],
            plan.Actions.ToArray());
        var models = Assert.Single(plan.Plugins);
        Assert.False(models.PluginDrifted || models.ConfigMapDrifted);
    }

    [Fact]
    public void Plan_ConfigMapDeletedOrEditedAfterItWasWritten_IsDrifted()
    {
        var desired = Snapshot("models", "mcp");
        var last = new AppliedTargets(HashesOf(desired), HashesOf(desired));
        var observed = HashesOf(desired).SetItem("models", "edited").Remove("mcp");

        var plan = ReconcilePlanner.Plan(desired, HashesOf(desired), new TargetObservation(observed), last);

        Assert.Equal(
            [new PlanAction(PlanActionKind.WriteConfigMap, "mcp", ActionReason.Drifted), new PlanAction(PlanActionKind.WriteConfigMap, "models", ActionReason.Drifted)],
            plan.Actions.OrderBy(a => a.Plugin, StringComparer.Ordinal));
        Assert.All(plan.Plugins, p => Assert.True(p.ConfigMapDrifted));
    }

    [Fact]
    public void Plan_ConfigMapWithRightDataButAStaleAnnotation_IsRewritten()
    {
        var desired = Snapshot("models");
        var hashes = HashesOf(desired);
        var observed = new TargetObservation(hashes) { AnnotatedByPlugin = ImmutableDictionary<string, string?>.Empty.Add("models", "old") };

        var plan = ReconcilePlanner.Plan(desired, hashes, observed, new AppliedTargets(hashes, hashes));

        Assert.Equal([new PlanAction(PlanActionKind.WriteConfigMap, "models", ActionReason.Drifted)], plan.Actions.ToArray());
        Assert.Equal("old", Assert.Single(plan.Plugins).ConfigMapHash);
    }

    /// <summary>The snapshot with one more file in <paramref name="plugin"/>: a new commit.</summary>
    private static ConfigSnapshot WithNotes(ConfigSnapshot snapshot, string plugin)
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>();
        foreach (var (name, p) in snapshot.Plugins)
            foreach (var (path, bytes) in p.Files) files[$"plugins/{name}/{path}"] = bytes;
        files[$"plugins/{plugin}/notes.yaml"] = Encoding.UTF8.GetBytes($"{plugin}: []\n");
        return Assert.IsType<SnapshotResult.Valid>(new SnapshotBuilder().Build(files, "head2", "tree2")).Snapshot;
    }
}
