using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.GitHub;

/// <summary>Counts what a <c>yaml</c> source would load: the entities of its catalog file whose names pass
/// <c>include</c>/<c>exclude</c> (<c>*</c> matches any run of characters; exclude wins).</summary>
internal static class EntityCounter
{
    public const string YamlType = "yaml";
    public const string CatalogPathProperty = "yamlCatalogPath";

    public static int? Count(PluginSnapshot plugin, SourceConfig source, YamlLimits limits)
    {
        if (!string.Equals(source.Type, YamlType, StringComparison.Ordinal)) return null;
        if (source.Properties.GetValueOrDefault(CatalogPathProperty) is not string path || !plugin.Files.TryGetValue(path, out var content)) return null;
        if (CatalogParser.Parse($"{SnapshotBuilder.PluginsFolder}/{plugin.Name}/{path}", content, limits) is not CatalogParseResult.Parsed parsed) return null;
        return parsed.Document.Entities.Count(e =>
            (source.Include.IsDefaultOrEmpty || source.Include.Any(p => Matches(p, e.Name)))
            && (source.Exclude.IsDefaultOrEmpty || !source.Exclude.Any(p => Matches(p, e.Name))));
    }

    /// <summary>Glob match where <c>*</c> is the only wildcard (DESIGN §2).</summary>
    internal static bool Matches(string pattern, string name)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1) return string.Equals(pattern, name, StringComparison.Ordinal);
        if (!name.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = name.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + parts[i].Length;
        }
        var last = parts[^1];
        return name.Length - position >= last.Length && name.EndsWith(last, StringComparison.Ordinal);
    }
}
