namespace GitOps.Reconciler.Configuration;

/// <summary>The files of a plugin folder whose exact bytes already passed their content check in the same role: parsed
/// as the catalog of a yaml source (<see cref="Catalogs"/>), or read as YAML as any other file (<see cref="OtherFiles"/>).
/// A mutation builds the plugins it changed with its unchanged files here, so only what it wrote is parsed again.</summary>
/// <remarks>Only the content checks are skipped: names, references, sources.yaml, secrets and hashes are checked and
/// computed as always. A file whose role changes (a source now points at it as its catalog) is not in the matching set,
/// so it is checked in its new role.</remarks>
internal sealed record ContentChecked(IReadOnlySet<string> Catalogs, IReadOnlySet<string> OtherFiles)
{
    /// <summary>Nothing checked before: every check runs.</summary>
    public static ContentChecked None { get; } = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>Every file checked before in the role it has now: a folder whose content the store's verified
    /// <c>SnapshotIndex</c> recorded as valid (same bytes, so the same roles).</summary>
    public static ContentChecked All(IEnumerable<string> files)
    {
        var names = files.ToHashSet(StringComparer.Ordinal);
        return new ContentChecked(names, names);
    }

    /// <summary>The unchanged files of a valid plugin (<paramref name="basePlugin"/>), by the role each had there.</summary>
    /// <param name="changed">File names (no folder) the mutation wrote or deleted.</param>
    public static ContentChecked Unchanged(PluginSnapshot basePlugin, IReadOnlySet<string> changed)
    {
        ArgumentNullException.ThrowIfNull(basePlugin);
        ArgumentNullException.ThrowIfNull(changed);
        var catalogs = basePlugin.Sources
            .Where(s => s.Type == SourcesValidator.YamlType)
            .Select(s => s.Properties.GetValueOrDefault(SourcesValidator.CatalogPathProperty) as string)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var asCatalog = new HashSet<string>(StringComparer.Ordinal);
        var asOther = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in basePlugin.Files.Keys)
        {
            if (changed.Contains(file) || file == SnapshotBuilder.SourcesFile) continue;
            (catalogs.Contains(file) ? asCatalog : asOther).Add(file);
        }
        return new ContentChecked(asCatalog, asOther);
    }
}
