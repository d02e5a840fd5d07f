namespace GitOps.Reconciler.Configuration;

/// <summary>What stands directly under <c>plugins/</c>, as a feed (a directory's files or a git tree) hands it to
/// <see cref="SnapshotAssembler"/>: a plugin folder, built on demand so a feed may answer from its cache, or a stray file.</summary>
internal abstract record PluginsEntry(string Name)
{
    public sealed record Folder(string Name, Func<PluginResult> Build) : PluginsEntry(Name);

    public sealed record StrayFile(string Name) : PluginsEntry(Name);
}

/// <summary>A snapshot of every valid plugin of a tree plus the errors of the others (sorted as
/// <see cref="SnapshotAssembler.Sort"/> says); the tree is valid only when there are none.</summary>
internal sealed record AssembledSnapshot(ConfigSnapshot Snapshot, ImmutableArray<ValidationError> Errors)
{
    public bool IsValid => Errors.IsEmpty;

    public SnapshotResult ToResult() => IsValid ? new SnapshotResult.Valid(Snapshot) : new SnapshotResult.Invalid(Errors);
}

/// <summary>The one place a snapshot is put together from the entries under <c>plugins/</c>, whichever feed read them
/// (<see cref="SnapshotBuilder.Build"/> for files in memory or on disk, the store's tree reader for git trees).</summary>
internal static class SnapshotAssembler
{
    public static AssembledSnapshot Assemble(IEnumerable<PluginsEntry> entries, string head, string treeId)
    {
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var plugins = new List<PluginSnapshot>();
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case PluginsEntry.StrayFile stray:
                    errors.Add(new ValidationError($"{SnapshotBuilder.PluginsFolder}/{stray.Name}", 0, 0, "",
                        $"files directly under {SnapshotBuilder.PluginsFolder}/ are not allowed; put them in a plugin folder"));
                    break;
                case PluginsEntry.Folder folder:
                    switch (folder.Build())
                    {
                        case PluginResult.Valid valid: plugins.Add(valid.Plugin); break;
                        case PluginResult.Invalid invalid: errors.AddRange(invalid.Errors); break;
                    }
                    break;
            }
        }
        return new AssembledSnapshot(SnapshotBuilder.Compose(head, treeId, plugins), Sort(errors));
    }

    /// <summary>The one error order, as <c>gitops validate</c> prints it: by file (ordinal), then line, then column; errors at
    /// the same place keep the order the checks found them in (a stable sort), so a feed's entry order never shows.</summary>
    public static ImmutableArray<ValidationError> Sort(IEnumerable<ValidationError> errors) =>
        [.. errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)];
}
