using System.Text.Json.Nodes;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tests.Planning;

public sealed class PlanMarkdownTests
{
    private static readonly Plan Sample = new(
        "0123456789abcdef", null, false,
        [new PlanError("plugins/models/sources.yaml", 3, 5, "sources[0].id", "duplicate id"), new PlanError("plugins/models/b.yaml", 1, 0, "sources[1]", "source 'b' fails to load: bad | pipe")],
        [new PluginPlan("models", PlanChange.Changed,
            [new SourcePlan("org_models", PlanChange.Changed, [new FieldChange("properties.yamlCatalogPath", JsonValue.Create("a.yaml"), JsonValue.Create("b.yaml"))], ["b.yaml"], [], new EntityCounts(12, 14)),
             new SourcePlan("gone", PlanChange.Removed, [], [], [], new EntityCounts(3, 0))],
            new EntityCounts(120, 119),
            [new ConfigMapKeyChange("gitops-models", "sources.yaml", PlanChange.Changed)],
            [new FieldChange("config.pageSize", JsonValue.Create(50), null)])],
        new PlanSummary(1, 0, 1, 1, 120, 119));

    [Fact]
    public void Render_ListsEachSourceWithItsFieldsFilesAndEntityDelta()
    {
        var markdown = PlanMarkdown.Render(Sample);

        Assert.Contains("Against `0123456`: 1 plugin changed; sources 0 added, 1 removed, 1 changed; entities 120 → 119 (-1).", markdown, StringComparison.Ordinal);
        Assert.Contains("#### `models`: changed, entities 120 → 119 (-1)", markdown, StringComparison.Ordinal);
        Assert.Contains("| `org_models` | changed | `properties.yamlCatalogPath`: `\"a.yaml\"` → `\"b.yaml\"`<br>files `b.yaml` | 12 → 14 (+2) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `gone` | removed |  | 3 → 0 (-3) |", markdown, StringComparison.Ordinal);
        Assert.Contains("Config: `config.pageSize`: `50` → (none)", markdown, StringComparison.Ordinal);
        Assert.Contains("ConfigMap keys: `gitops-models/sources.yaml` changed", markdown, StringComparison.Ordinal);
        Assert.Contains("| `plugins/models/sources.yaml` | 3 | 5 | duplicate id |", markdown, StringComparison.Ordinal);
        Assert.Contains("fails to load: bad \\| pipe", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LeavesOutErrorsTheCommentListsAlready()
    {
        var markdown = PlanMarkdown.Render(Sample, [new ValidationError("plugins/models/sources.yaml", 3, 5, "sources[0].id", "duplicate id")]);

        Assert.DoesNotContain("duplicate id", markdown, StringComparison.Ordinal);
        Assert.Contains("fails to load", markdown, StringComparison.Ordinal);
    }
}
