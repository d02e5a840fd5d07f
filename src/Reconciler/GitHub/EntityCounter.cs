using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.GitHub;

/// <summary>Counts what a <c>yaml</c> source would load: the entities of its catalog file whose names pass
/// <c>include</c>/<c>exclude</c> (<c>*</c> matches any run of characters; exclude wins).</summary>
internal static class EntityCounter
{
    public static int? Count(PluginSnapshot plugin, SourceConfig source, YamlLimits limits)
    {
        if (!string.Equals(source.Type, SourcesValidator.YamlType, StringComparison.Ordinal)) return null;
        if (source.Properties.GetValueOrDefault(SourcesValidator.CatalogPathProperty) is not string path || !plugin.Files.TryGetValue(path, out var content)) return null;
        if (CatalogParser.Parse($"{SnapshotBuilder.PluginsFolder}/{plugin.Name}/{path}", content, limits) is not CatalogParseResult.Parsed parsed) return null;
        var filter = NameFilter.For(source);
        return parsed.Document.Entities.Count(e => filter.Matches(e.Name));
    }
}
