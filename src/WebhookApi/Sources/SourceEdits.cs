using System.Text.Json.Nodes;
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
    public static EditResult Patch(ConfigSnapshot snapshot, string plugin, string id, JsonObject patch) =>
        WithSource(snapshot, plugin, id, (p, current) => SourceJson.Patch(current, patch) switch
        {
            SourceRead.Parsed parsed => PluginEdits.EditSources(p, p.Config, p.Sources.Select(s => s.Id == id ? InSectionOf(parsed.Source, current) : s)),
            SourceRead.Malformed malformed => new EditResult.Refused(RejectionKind.BadRequest, $"The patched source is not valid at {malformed.Path}: {malformed.Message}"),
            SourceRead.Invalid invalid => new EditResult.Refused(RejectionKind.BadRequest, SourceJson.Describe(invalid.Errors)),
            _ => throw new InvalidOperationException("unmapped source read"),
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

    private static EditResult WithSource(ConfigSnapshot snapshot, string plugin, string id, Func<PluginSnapshot, SourceConfig, EditResult> edit)
    {
        if (snapshot.FindPlugin(plugin) is not { } existing) return PluginEdits.NotFound(plugin);
        return existing.FindSource(id) is { } source
            ? edit(existing, source)
            : new EditResult.Refused(RejectionKind.NotFound, $"source '{id}' does not exist in plugin '{plugin}'");
    }
}
