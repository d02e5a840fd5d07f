using System.Text;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Plugins;
using GitOps.TestSupport.Git;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>The plan engine on a real store (a bare repository seeded from <see cref="ConfigRepoSeed"/>): models has sources
/// <c>counter</c> (counter.yaml, 1 model) and <c>team</c> (team.yaml, 2 models); mcp has <c>community_mcp</c> (2 servers).</summary>
public sealed class PlannerTests : IDisposable
{
    private readonly TestStore _t = new();
    private readonly Planner _planner;

    public PlannerTests() => _planner = new Planner(_t.Store, new PluginHost(), Options.Create(new KubernetesOptions { ConfigMapPrefix = "cfg" }));

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task PlanChange_PointingASourceAtAnotherCatalog_ListsTheFieldTheEntityDeltaAndTheConfigMapKey_AndWritesNothing()
    {
        var refs = GitCli.Run(_t.GitDirectory, "for-each-ref");
        var objects = GitCli.Run(_t.GitDirectory, "count-objects", "-v");
        var head = _t.BranchHead();
        var sources = ConfigRepoSeed.ModelsSourcesYaml(enabled: true).Replace("yamlCatalogPath: counter.yaml", "yamlCatalogPath: team.yaml", StringComparison.Ordinal);

        var plan = await PlanAsync(new() { [ConfigRepoSeed.ModelsSources] = sources });

        Assert.True(plan.Valid);
        Assert.Equal(head, plan.Base);
        Assert.Null(plan.Head);
        var models = Assert.Single(plan.Plugins);
        Assert.Equal(("models", PlanChange.Changed), (models.Plugin, models.Change));
        var counter = Assert.Single(models.Sources);
        Assert.Equal(("counter", PlanChange.Changed), (counter.Id, counter.Change));
        var field = Assert.Single(counter.Fields);
        Assert.Equal(("properties.yamlCatalogPath", "counter.yaml", "team.yaml"), (field.Path, field.Before!.GetValue<string>(), field.After!.GetValue<string>()));
        Assert.Equal(new EntityCounts(1, 2), counter.Entities);
        Assert.Equal(new EntityCounts(3, 4), models.Entities); // team's 2 models on both sides
        Assert.Equal([new ConfigMapKeyChange("cfg-models", "sources.yaml", PlanChange.Changed)], models.ConfigMaps.ToArray());
        Assert.Equal(new PlanSummary(1, 0, 0, 1, 3, 4), plan.Summary);
        Assert.Equal(head, _t.BranchHead());
        Assert.Equal(refs, GitCli.Run(_t.GitDirectory, "for-each-ref"));
        // A change inside existing plugins that leaves them valid is planned from trees never written: no object either.
        Assert.Equal(objects, GitCli.Run(_t.GitDirectory, "count-objects", "-v"));
    }

    [Fact]
    public async Task PlanChange_AddingOneSourceAndRemovingAnother_ListsBothWithTheirCounts()
    {
        var sources = """
            apiVersion: gitops/v1
            plugin: models
            sources:
              - id: counter
                name: Counter models
                type: yaml
                properties:
                  yamlCatalogPath: counter.yaml
              - id: extra
                name: Extra models
                type: yaml
                labels: [Extra]
                properties:
                  yamlCatalogPath: extra.yaml
            """ + "\n";

        var plan = await PlanAsync(new()
        {
            [ConfigRepoSeed.ModelsSources] = sources,
            ["plugins/models/extra.yaml"] = "models:\n  - name: x-1\n  - name: x-2\n  - name: x-3\n",
            ["plugins/models/team.yaml"] = null,
        });

        var models = Assert.Single(plan.Plugins);
        Assert.Equal(["extra:Added:0:3", "team:Removed:2:0"], models.Sources.Select(s => $"{s.Id}:{s.Change}:{s.Entities.Before}:{s.Entities.After}").Order());
        Assert.All(models.Sources, s => Assert.Empty(s.Fields));
        Assert.Equal(new EntityCounts(3, 4), models.Entities);
        Assert.Equal(
            ["cfg-models/extra.yaml:Added", "cfg-models/sources.yaml:Changed", "cfg-models/team.yaml:Removed"],
            models.ConfigMaps.Select(c => $"{c.Name}/{c.Key}:{c.Change}"));
        Assert.Equal((1, 1, 0), (plan.Summary.SourcesAdded, plan.Summary.SourcesRemoved, plan.Summary.SourcesChanged));
    }

    [Fact]
    public async Task PlanChange_OfACatalogOnly_ListsTheChangedFileWithoutFieldsAndLeavesOtherPluginsOut()
    {
        var plan = await PlanAsync(new() { [ConfigRepoSeed.CounterPath] = "models:\n  - name: a\n  - name: b\n  - name: c\n" });

        var models = Assert.Single(plan.Plugins);
        var counter = Assert.Single(models.Sources);
        Assert.Empty(counter.Fields);
        Assert.Equal(["counter.yaml"], counter.Files.ToArray());
        Assert.Equal(new EntityCounts(1, 3), counter.Entities);
        Assert.Equal([new ConfigMapKeyChange("cfg-models", "counter.yaml", PlanChange.Changed)], models.ConfigMaps.ToArray());
    }

    [Fact]
    public async Task PlanChange_ThatBreaksValidation_ReportsTheErrorWithFileLineAndColumn()
    {
        var broken = ConfigRepoSeed.ModelsSourcesYaml(enabled: true).Replace("id: team", "id: counter", StringComparison.Ordinal);

        var plan = await PlanAsync(new() { [ConfigRepoSeed.ModelsSources] = broken });

        Assert.False(plan.Valid);
        var error = Assert.Single(plan.Errors);
        Assert.Equal(ConfigRepoSeed.ModelsSources, error.File);
        Assert.Equal(9, error.Line); // the second "- id: counter"
        Assert.True(error.Column > 0);
        Assert.Contains("counter", error.Message, StringComparison.Ordinal);
        var models = Assert.Single(plan.Plugins);
        Assert.Equal((PlanChange.Changed, 3, (int?)null), (models.Change, models.Entities.Before, models.Entities.After));
        Assert.Empty(models.Sources);
    }

    [Fact]
    public async Task PlanChange_OfTheConfigBlock_ListsItsFields()
    {
        var sources = ConfigRepoSeed.ModelsSourcesYaml(enabled: true).Replace("plugin: models\n", "plugin: models\nconfig:\n  pageSize: 20\n  display: {logos: true}\n", StringComparison.Ordinal);

        var plan = await PlanAsync(new() { [ConfigRepoSeed.ModelsSources] = sources });

        var models = Assert.Single(plan.Plugins);
        Assert.Empty(models.Sources);
        Assert.Equal(["config.display:{\"logos\":true}", "config.pageSize:20"], models.Config.Select(c => $"{c.Path}:{c.After!.ToJsonString()}"));
        Assert.All(models.Config, c => Assert.Null(c.Before));
    }

    [Fact]
    public async Task PlanChange_OutsideTheCallersPlugins_ShowsNeitherThePluginNorItsErrors()
    {
        var broken = ConfigRepoSeed.ModelsSourcesYaml(enabled: true).Replace("id: team", "id: counter", StringComparison.Ordinal);

        var outcome = await _planner.PlanChangeAsync(null, Changes(new() { [ConfigRepoSeed.ModelsSources] = broken }), p => p == "mcp");

        var plan = Assert.IsType<PlanOutcome.Planned>(outcome).Plan;
        Assert.Empty(plan.Plugins);
        Assert.Empty(plan.Errors);
        Assert.False(plan.Valid);
    }

    [Fact]
    public async Task PlanChange_OnAnUnknownBaseOrABadPath_SaysWhichAndReadsNothing()
    {
        var unknown = await _planner.PlanChangeAsync("0123456789abcdef0123456789abcdef01234567", Changes(new() { [ConfigRepoSeed.CounterPath] = "x" }), _ => true);
        var badPath = await _planner.PlanChangeAsync(null, Changes(new() { ["plugins/../x.yaml"] = "x" }), _ => true);
        var clash = await _planner.PlanChangeAsync(null, Changes(new() { ["plugins/models"] = "x", ["plugins/models/a.yaml"] = "y" }), _ => true);

        Assert.Equal("0123456789abcdef0123456789abcdef01234567", Assert.IsType<PlanOutcome.CommitNotFound>(unknown).Commit);
        Assert.Equal("plugins/../x.yaml", Assert.IsType<PlanOutcome.InvalidPath>(badPath).Path);
        Assert.Equal("plugins/models", Assert.IsType<PlanOutcome.InvalidPath>(clash).Path);
    }

    [Fact]
    public async Task PlanDraft_AfterTheTrackedBranchMoved_ShowsOnlyTheDraftsChangeAppliedOnTheCurrentHead()
    {
        var draftBase = _t.BranchHead();
        GitCli.Run(_t.GitDirectory, "update-ref", "refs/heads/drafts/more-team", draftBase);
        var draftHead = GitCli.CommitFile(_t.GitDirectory, "drafts/more-team", "plugins/models/team.yaml",
            "models:\n  - name: team-model-a\n  - name: team-model-b\n  - name: team-model-c\n", "models: one more team model");
        // Meanwhile the tracked branch changes another file: it is in both sides of the plan, so it is not listed.
        var trackedHead = GitCli.CommitFile(_t.GitDirectory, "main", ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(5), "counter 5");

        var plan = Assert.IsType<PlanOutcome.Planned>(await _planner.PlanDraftAsync("more-team", _ => true)).Plan;

        Assert.Equal((trackedHead, draftHead), (plan.Base, plan.Head));
        var models = Assert.Single(plan.Plugins);
        var team = Assert.Single(models.Sources);
        Assert.Equal(("team", new EntityCounts(2, 3)), (team.Id, team.Entities));
        Assert.Equal([new ConfigMapKeyChange("cfg-models", "team.yaml", PlanChange.Changed)], models.ConfigMaps.ToArray());
        Assert.Equal(trackedHead, _t.BranchHead());
    }

    [Fact]
    public async Task PlanDraft_ThatDoesNotExist_IsDraftNotFound()
    {
        Assert.Equal("nope", Assert.IsType<PlanOutcome.DraftNotFound>(await _planner.PlanDraftAsync("nope", _ => true)).Id);
        Assert.IsType<PlanOutcome.DraftNotFound>(await _planner.PlanDraftAsync("bad..name", _ => true));
    }

    private async Task<Plan> PlanAsync(Dictionary<string, string?> files) =>
        Assert.IsType<PlanOutcome.Planned>(await _planner.PlanChangeAsync(null, Changes(files), _ => true)).Plan;

    private static Dictionary<string, ReadOnlyMemory<byte>?> Changes(Dictionary<string, string?> files) =>
        files.ToDictionary(f => f.Key, f => f.Value is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(f.Value));
}
