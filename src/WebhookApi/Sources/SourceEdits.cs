using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.WebhookApi.Http;
using GitOps.WebhookApi.Plugins;

namespace GitOps.WebhookApi.Sources;

/// <summary>Pure edits of one plugin's sources; each regenerates the plugin's sources.yaml.</summary>
internal static class SourceEdits
{
    public static EditResult Add(ConfigSnapshot snapshot, string plugin, SourceConfig source)
    {
        if (snapshot.FindPlugin(plugin) is not { } existing) return PluginEdits.NotFound(plugin);
        if (existing.FindSource(source.Id) is not null)
            return new EditResult.Refused(RejectionKind.AlreadyExists, $"source '{source.Id}' already exists in plugin '{plugin}'");
        return PluginEdits.EditSources(existing, existing.Config, existing.Sources.Add(NewIn(existing, source)));
    }

    public static EditResult Replace(ConfigSnapshot snapshot, string plugin, SourceConfig source) =>
        WithSource(snapshot, plugin, source.Id, (p, current) => PluginEdits.EditSources(p, p.Config, p.Sources.Select(s => s.Id == source.Id ? InSectionOf(source, current) : s)));

    public static EditResult Delete(ConfigSnapshot snapshot, string plugin, string id) =>
        WithSource(snapshot, plugin, id, (p, _) => PluginEdits.EditSources(p, p.Config, p.Sources.Where(s => s.Id != id)));

    /// <summary>Applies a merge patch to the source as it is at the head being written (not as the client last saw it).</summary>
    public static EditResult Patch(ConfigSnapshot snapshot, string plugin, string id, JsonNode patch) =>
        WithSource(snapshot, plugin, id, (p, current) =>
        {
            var merged = JsonMergePatch.Apply(JsonSerializer.SerializeToNode(SourceBody.From(current), ApiJson.Options), patch);
            var rules = JsonBodyRules.Check(JsonSerializer.SerializeToElement(merged, ApiJson.Options), ApiJson.Options.GetTypeInfo(typeof(SourceBody)));
            if (rules.Length > 0)
                return new EditResult.Refused(RejectionKind.BadRequest, string.Join("; ", rules.Select(e => $"{e.Field}: {e.Message}")));
            SourceBody? body;
            try
            {
                body = merged.Deserialize<SourceBody>(ApiJson.Options);
            }
            catch (JsonException ex)
            {
                return new EditResult.Refused(RejectionKind.BadRequest, $"The patched source is not valid at {ex.Path ?? "$"}: {ex.Message}");
            }
            if (body is null) return new EditResult.Refused(RejectionKind.BadRequest, "The patch must be a JSON object");
            if (body.Id != id) return new EditResult.Refused(RejectionKind.BadRequest, "A source's id cannot be changed by PATCH; add a new source and delete this one");
            var (source, errors) = body.ToConfig();
            return source is null
                ? new EditResult.Refused(RejectionKind.BadRequest, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
                : PluginEdits.EditSources(p, p.Config, p.Sources.Select(s => s.Id == id ? InSectionOf(KeepProperties(source, current, patch), current) : s));
        });

    /// <summary>A replaced source stays in the Kubeflow section it was declared in; an <c>assetType</c> the section implies
    /// (as the API shows it) is not written into the file unless the file already says it.</summary>
    private static SourceConfig InSectionOf(SourceConfig source, SourceConfig current) => source with
    {
        Section = current.Section,
        AssetType = current.Section is null || (current.AssetType is null && source.AssetType == current.EffectiveAssetType) ? current.AssetType : source.AssetType,
    };

    /// <summary>A new source of a Kubeflow plugin goes to the list its section or asset type names; gitops/v1 has one list.</summary>
    private static SourceConfig NewIn(PluginSnapshot plugin, SourceConfig source)
    {
        if (plugin.Dialect != KubeflowFormat.Dialect) return source with { Section = null, AssetType = null };
        var section = source.Section is { } named && KubeflowFormat.IsSection(named) ? named
            : source.AssetType == KubeflowFormat.McpServers ? KubeflowFormat.McpSection : null;
        return source with { Section = section, AssetType = null };
    }

    /// <summary>A patch that does not touch <c>properties</c> keeps them as they are, including values JSON cannot
    /// carry as numbers (YAML <c>.inf</c>/<c>.nan</c> are served as strings and would come back as strings).</summary>
    private static SourceConfig KeepProperties(SourceConfig patched, SourceConfig current, JsonNode patch) =>
        patch is JsonObject changes && !changes.ContainsKey("properties") ? patched with { Properties = current.Properties } : patched;

    private static EditResult WithSource(ConfigSnapshot snapshot, string plugin, string id, Func<PluginSnapshot, SourceConfig, EditResult> edit)
    {
        if (snapshot.FindPlugin(plugin) is not { } existing) return PluginEdits.NotFound(plugin);
        return existing.FindSource(id) is { } source
            ? edit(existing, source)
            : new EditResult.Refused(RejectionKind.NotFound, $"source '{id}' does not exist in plugin '{plugin}'");
    }
}
