using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration.Editing;

/// <summary>Writes a plugin's new config block and sources into its existing sources.yaml by changing only the nodes that
/// differ (issue 13): the file keeps its dialect, key order, comments, quoting and indentation everywhere else. Disabling a
/// source changes one scalar; a new source is one block appended in the style of its neighbours; a removed source takes
/// its block (and the comment lines right above it) away.</summary>
public static class SourcesYamlEditor
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>The edited file, or null when <paramref name="original"/> is not a mapping that can be edited in place
    /// (an empty file): the caller then writes a fresh gitops/v1 file.</returns>
    public static byte[]? Edit(ReadOnlyMemory<byte> original, IReadOnlyDictionary<string, object?> config, IEnumerable<SourceConfig> sources, YamlLimits limits) =>
        Edit(original, null, config, sources, limits);

    /// <summary>Edits <paramref name="plugin"/>'s sources.yaml, reusing the tree its snapshot read (no second parse).</summary>
    public static byte[]? Edit(PluginSnapshot plugin, IReadOnlyDictionary<string, object?> config, IEnumerable<SourceConfig> sources, YamlLimits limits) =>
        plugin.Files.TryGetValue(SnapshotBuilder.SourcesFile, out var original) ? Edit(original, plugin.SourcesTree, config, sources, limits) : null;

    /// <param name="tree">The tree of exactly <paramref name="original"/> when the caller has it; else it is read.</param>
    internal static byte[]? Edit(ReadOnlyMemory<byte> original, MappingNode? tree, IReadOnlyDictionary<string, object?> config, IEnumerable<SourceConfig> sources, YamlLimits limits)
    {
        var root = tree;
        if (root is null && YamlTreeReader.Read(SnapshotBuilder.SourcesFile, original, limits) is YamlReadResult.Read { Root: MappingNode read }) root = read;
        if (root is null) return null;
        var bom = original.Span.StartsWith("\uFEFF"u8);
        var text = new YamlText(Utf8.GetString(bom ? original.Span[3..] : original.Span));
        text.LearnStyle(root);
        new SourcesTreeEdit(text, root, KubeflowFormat.Applies(root)).Apply(config, [.. sources]);
        var edited = text.Apply();
        var bytes = Utf8.GetBytes(edited);
        return bom ? [.. "\uFEFF"u8, .. bytes] : bytes;
    }
}
