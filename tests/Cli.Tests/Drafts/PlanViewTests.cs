using System.Text.Json.Nodes;
using GitOps.Cli.Commands;

namespace GitOps.Cli.Tests.Drafts;

/// <summary>The plan as a terminal reads it: markers, fields before → after, entity deltas, ConfigMaps, errors.</summary>
public sealed class PlanViewTests
{
    private const string Plan = """
        {
          "base": "1111111111111111111111111111111111111111", "head": "2222222222222222222222222222222222222222", "valid": false,
          "errors": [{"file": "plugins/models/sources.yaml", "line": 3, "column": 5, "field": "sources[1].type", "message": "unknown type"}],
          "plugins": [{
            "plugin": "models", "change": "Changed",
            "config": [{"path": "config.mode", "before": "a", "after": null}],
            "sources": [
              {"id": "org_models", "change": "Changed", "fields": [{"path": "properties.yamlCatalogPath", "before": "a.yaml", "after": "b.yaml"}],
               "files": ["plugins/models/b.yaml"], "entities": {"before": 12, "after": 14}},
              {"id": "old_models", "change": "Removed", "fields": [], "entities": {"before": 5, "after": 0}},
              {"id": "broken", "change": "Added", "fields": [], "entities": {"before": 0, "after": null}}
            ],
            "entities": {"before": 120, "after": 116},
            "configMaps": [{"name": "gitops-models-sources", "key": "sources.yaml", "change": "Changed"}]
          }],
          "summary": {"plugins": 1, "sourcesAdded": 1, "sourcesRemoved": 1, "sourcesChanged": 1, "entitiesBefore": 120, "entitiesAfter": 116}
        }
        """;

    [Fact]
    public void Write_APlan_ShowsEachChangeAsADiffLineWithEntityDeltas()
    {
        using var output = new StringWriter();

        PlanView.Write(output, JsonNode.Parse(Plan));

        var text = output.ToString();
        Assert.Contains("Plan: base 111111111111 → head 222222222222", text);
        Assert.Contains("~ plugin models  entities 120 → 116 (-4)", text);
        Assert.Contains("    config.mode: \"a\" → (none)", text);
        Assert.Contains("  ~ source org_models  entities 12 → 14 (+2)", text);
        Assert.Contains("      properties.yamlCatalogPath: \"a.yaml\" → \"b.yaml\"", text);
        Assert.Contains("      files changed: plugins/models/b.yaml", text);
        Assert.Contains("  - source old_models  entities 5 → 0 (-5)", text);
        Assert.Contains("  + source broken  entities 0 → ?", text);
        Assert.Contains("  ~ ConfigMap gitops-models-sources key sources.yaml", text);
        Assert.Contains("Summary: 1 plugin(s); sources 1 added, 1 removed, 1 changed;  entities 120 → 116 (-4)", text);
        Assert.Contains("NOT VALID", text);
        Assert.Contains("  plugins/models/sources.yaml:3:5: sources[1].type: unknown type", text);
    }

    [Fact]
    public void Write_APlanWithoutChanges_SaysSo()
    {
        using var output = new StringWriter();

        PlanView.Write(output, JsonNode.Parse("""{"base": "abcd", "head": null, "valid": true, "errors": [], "plugins": [], "summary": {"plugins": 0, "sourcesAdded": 0, "sourcesRemoved": 0, "sourcesChanged": 0, "entitiesBefore": 3, "entitiesAfter": 3}}"""));

        var text = output.ToString();
        Assert.Contains("Plan: base abcd → the given files", text);
        Assert.Contains("No changes.", text);
        Assert.Contains("entities 3 → 3 (±0)", text);
        Assert.DoesNotContain("NOT VALID", text);
    }
}
