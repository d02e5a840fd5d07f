using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;

namespace GitOps.WebhookApi.History;

/// <summary>Revert through <see cref="GitConfigStore.MutateAsync"/> until the store's own <c>RevertAsync</c> lands
/// (an instance method of that name takes precedence over this extension, so this file is then deleted).</summary>
internal static class RevertFallback
{
    public static Task<MutationOutcome> RevertAsync(this GitConfigStore store, string sha, string? expectedHead, CommitAuthor author,
        string? reason, string requestId, CancellationToken cancellationToken)
    {
        SnapshotResult target, parent;
        try
        {
            target = store.ReadAt(sha);
        }
        catch (ArgumentException)
        {
            return Task.FromResult<MutationOutcome>(new MutationOutcome.Rejected(RejectionKind.NotFound, $"commit '{sha}' does not exist"));
        }
        try
        {
            parent = store.ReadAt(sha + "^");
        }
        catch (ArgumentException)
        {
            return Task.FromResult<MutationOutcome>(new MutationOutcome.Rejected(RejectionKind.BadRequest, $"commit '{sha}' has no parent to revert to"));
        }
        if (target is not SnapshotResult.Valid after || parent is not SnapshotResult.Valid before)
            return Task.FromResult<MutationOutcome>(new MutationOutcome.Rejected(RejectionKind.BadRequest, $"commit '{sha}' or its parent is not a valid configuration"));

        var request = new MutationRequest(expectedHead, author, $"Revert {after.Snapshot.Head[..12]}", reason, requestId, _ => Inverse(before.Snapshot, after.Snapshot));
        return store.MutateAsync(request, cancellationToken);
    }

    private static EditResult Inverse(ConfigSnapshot before, ConfigSnapshot after)
    {
        var changes = ImmutableDictionary.CreateBuilder<string, ReadOnlyMemory<byte>?>(StringComparer.Ordinal);
        var plugins = before.Plugins.Keys.Union(after.Plugins.Keys);
        foreach (var plugin in plugins)
        {
            var old = before.FindPlugin(plugin)?.Files ?? ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>.Empty;
            var @new = after.FindPlugin(plugin)?.Files ?? ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>.Empty;
            foreach (var name in old.Keys.Union(@new.Keys))
            {
                var had = old.TryGetValue(name, out var oldContent);
                var has = @new.TryGetValue(name, out var newContent);
                if (had && has && oldContent.Span.SequenceEqual(newContent.Span)) continue;
                changes[$"{SnapshotBuilder.PluginsFolder}/{plugin}/{name}"] = had ? oldContent : null;
            }
        }
        return new EditResult.Changes(changes.ToImmutable());
    }
}
