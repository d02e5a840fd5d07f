using GitOps.Reconciler.Configuration.Editing;

namespace GitOps.WebhookApi.Plugins;

/// <summary>Pure edits of plugin folders: snapshot in, file changes (or a refusal) out. They may run more than once.</summary>
internal static class PluginEdits
{
    public static string FilePath(string plugin, string file) => $"{SnapshotBuilder.PluginsFolder}/{plugin}/{file}";

    /// <summary>Writes a new plugin's sources.yaml (gitops/v1) from its config block and sources.</summary>
    public static EditResult WriteSources(string plugin, IReadOnlyDictionary<string, object?> config, IEnumerable<SourceConfig> sources) =>
        Files((FilePath(plugin, SnapshotBuilder.SourcesFile), SourcesYamlWriter.Write(new SourcesDocument(plugin, config, [.. sources]))));

    /// <summary>Edits an existing plugin's sources.yaml in place: only the nodes that change are rewritten, in the file's
    /// own dialect and style (<see cref="SourcesYamlEditor"/>).</summary>
    public static EditResult EditSources(PluginSnapshot existing, IReadOnlyDictionary<string, object?> config, IEnumerable<SourceConfig> sources)
    {
        var edited = SourcesYamlEditor.Edit(existing, config, sources, YamlLimits.Default);
        return edited is null
            ? WriteSources(existing.Name, config, sources)
            : Files((FilePath(existing.Name, SnapshotBuilder.SourcesFile), edited));
    }

    public static EditResult Files(params (string Path, byte[]? Content)[] changes) =>
        new EditResult.Changes(changes.ToImmutableDictionary(c => c.Path, c => c.Content is null ? (ReadOnlyMemory<byte>?)null : c.Content, StringComparer.Ordinal));

    public static EditResult NotFound(string plugin) => new EditResult.Refused(RejectionKind.NotFound, $"plugin '{plugin}' does not exist");

    public static EditResult Create(ConfigSnapshot snapshot, string plugin, IReadOnlyDictionary<string, object?> config) =>
        snapshot.FindPlugin(plugin) is not null
            ? new EditResult.Refused(RejectionKind.AlreadyExists, $"plugin '{plugin}' already exists")
            : WriteSources(plugin, config, []);

    public static EditResult Delete(ConfigSnapshot snapshot, string plugin) =>
        snapshot.FindPlugin(plugin) is { } existing
            ? Files([.. existing.Files.Keys.Select(f => (FilePath(plugin, f), (byte[]?)null))])
            : NotFound(plugin);

    public static EditResult SetConfig(ConfigSnapshot snapshot, string plugin, IReadOnlyDictionary<string, object?> config) =>
        snapshot.FindPlugin(plugin) is { } existing ? EditSources(existing, config, existing.Sources) : NotFound(plugin);
}
