using GitOps.Reconciler.Configuration.Kubeflow;
using GitOps.Reconciler.Configuration.Migrations;
using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration;

/// <summary>Parses <c>sources.yaml</c> into a <see cref="SourcesDocument"/>: the Kubeflow dialect natively, gitops/v1 after migrating older shapes.</summary>
/// <remarks>Reading goes through <see cref="YamlTreeReader"/> (limits, positions); the tree is migrated
/// (<see cref="SourcesMigrator"/>) and then converted field by field, collecting every type error with its position.</remarks>
internal static class SourcesFileParser
{
    /// <param name="file">Repository-relative path, e.g. <c>plugins/models/sources.yaml</c>.</param>
    /// <param name="plugin">The plugin folder's name; defaults to the folder in <paramref name="file"/>. Migrated
    /// files without a <c>plugin:</c> field take it.</param>
    public static SourcesParseResult Parse(string file, ReadOnlyMemory<byte> content, YamlLimits limits, string? plugin = null)
    {
        plugin ??= FolderName(file);
        var read = YamlTreeReader.Read(file, content, limits);
        if (read is YamlReadResult.Failed failed) return new SourcesParseResult.Failed([failed.Error]);
        var root = ((YamlReadResult.Read)read).Root;
        if (root is not MappingNode mapping)
            return new SourcesParseResult.Failed([new ValidationError(file, root?.Line ?? 1, root?.Column ?? 1, "",
                "expected a mapping with apiVersion, plugin and sources")]);
        var result = KubeflowFormat.Applies(mapping)
            ? new KubeflowTreeConverter(file).Convert(mapping, plugin)
            : Migrated(file, mapping, plugin);
        return result is SourcesParseResult.Parsed parsed ? parsed with { Tree = mapping } : result;
    }

    private static SourcesParseResult Migrated(string file, MappingNode mapping, string plugin)
    {
        var (migrated, from) = SourcesMigrator.Migrate(mapping, plugin);
        return new SourcesTreeConverter(file).Convert(migrated, from);
    }

    private static string FolderName(string file)
    {
        var parts = file.Split('/');
        return parts.Length >= 2 ? parts[^2] : "";
    }
}
