namespace GitOps.Reconciler.GitHub;

/// <summary>Compares two trees of the config repository (pure: files and snapshots in, <see cref="ChangeSummary"/> out).</summary>
internal static class ChangeSummaryBuilder
{
    public static ChangeSummary Compare(
        string baseSha, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> baseFiles, SnapshotResult baseResult,
        string headSha, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> headFiles, SnapshotResult headResult,
        YamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(baseFiles);
        ArgumentNullException.ThrowIfNull(headFiles);
        var changedFiles = baseFiles.Keys.Union(headFiles.Keys, StringComparer.Ordinal)
            .Where(path => !baseFiles.TryGetValue(path, out var b) || !headFiles.TryGetValue(path, out var h) || !b.Span.SequenceEqual(h.Span))
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        if (headResult is SnapshotResult.Invalid invalid)
            return new ChangeSummary(baseSha, headSha, changedFiles, [], [], invalid.Errors);

        var head = ((SnapshotResult.Valid)headResult).Snapshot;
        // An invalid base (rare: the target branch itself is broken) is compared as if it were empty.
        var @base = baseResult is SnapshotResult.Valid valid ? valid.Snapshot : ConfigSnapshot.Empty;
        var plugins = ImmutableArray.CreateBuilder<PluginChange>();
        var sources = ImmutableArray.CreateBuilder<SourceChange>();
        foreach (var name in @base.Plugins.Keys.Union(head.Plugins.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var before = @base.FindPlugin(name);
            var after = head.FindPlugin(name);
            if (before is not null && after is not null && before.Hash == after.Hash) continue;
            var kind = before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Modified;
            var configChanged = kind == ChangeKind.Modified && !FreeFormEquals(before!.Config, after!.Config);
            plugins.Add(new PluginChange(name, kind, configChanged));
            sources.AddRange(CompareSources(name, before, after, limits));
        }
        return new ChangeSummary(baseSha, headSha, changedFiles, plugins.ToImmutable(), sources.ToImmutable(), []);
    }

    private static IEnumerable<SourceChange> CompareSources(string plugin, PluginSnapshot? before, PluginSnapshot? after, YamlLimits limits)
    {
        var ids = (before?.Sources.Select(s => s.Id) ?? []).Concat(after?.Sources.Select(s => s.Id) ?? []).Distinct(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var old = before?.FindSource(id);
            var @new = after?.FindSource(id);
            if (old is not null && @new is not null && before!.SourceHashes[id] == after!.SourceHashes[id]) continue;
            var kind = old is null ? ChangeKind.Added : @new is null ? ChangeKind.Removed : ChangeKind.Modified;
            yield return new SourceChange(
                plugin, id, kind,
                old?.Enabled, @new?.Enabled,
                old is null ? null : EntityCounter.Count(before!, old, limits),
                @new is null ? null : EntityCounter.Count(after!, @new, limits));
        }
    }

    private static bool FreeFormEquals(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
        CanonicalSource.ValueJson(a).AsSpan().SequenceEqual(CanonicalSource.ValueJson(b)); // also for .inf/.nan, which JSON cannot hold
}
