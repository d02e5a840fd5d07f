using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

internal sealed partial class StoreWriter
{
    /// <summary>Writes a new commit on the current head that undoes the changes of commit <paramref name="sha"/>.</summary>
    /// <remarks>Per file: when the head still holds what that commit wrote, the parent's version is restored (or the
    /// file removed); when the head already holds the parent's version, nothing is needed; anything else is a
    /// conflict and nothing is written. The result is validated like any mutation.</remarks>
    public Task<MutationOutcome> RevertAsync(
        string sha, string? expectedHead, CommitAuthor author, string? reason, string requestId,
        bool confirmRemovingEveryPlugin, CancellationToken cancellationToken, CommitTarget? target = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        var found = _repository.Use(repo => GitConfigStore.FindCommit(repo, sha) is { } commit
            ? (commit.Sha, commit.MessageShort, ChangedFiles(repo, commit))
            : default((string Sha, string MessageShort, ImmutableArray<RevertedFile> Files)?));
        if (found is not var (fullSha, original, files))
            return Task.FromResult<MutationOutcome>(new MutationOutcome.Rejected(RejectionKind.NotFound, $"commit '{sha}' not found"));

        var summary = $"Revert \"{original}\"";
        var body = $"This reverts commit {fullSha}.";
        if (!string.IsNullOrWhiteSpace(reason)) body += "\n\n" + reason.Trim();
        var message = CommitMessage.Format(summary, body, requestId, author);
        Func<Repository, Commit, ConfigSnapshot, EditResult> edit = (repo, head, _) => InverseChanges(repo, head, fullSha, files);
        return target is null
            ? WriteAsync(expectedHead, author, message, summary, edit, confirmRemovingEveryPlugin, cancellationToken)
            : target(expectedHead, author, message, edit, confirmRemovingEveryPlugin);
    }

    private static ImmutableArray<RevertedFile> ChangedFiles(Repository repo, Commit commit)
    {
        var parent = commit.Parents.FirstOrDefault();
        return [.. TreeDiff.Compare(repo, parent?.Tree, commit.Tree).Select(c => new RevertedFile(c.Path, c.Before?.Id, c.After?.Id))];
    }

    private static EditResult InverseChanges(Repository repo, Commit head, string sha, ImmutableArray<RevertedFile> files)
    {
        var changes = ImmutableDictionary.CreateBuilder<string, ReadOnlyMemory<byte>?>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        foreach (var file in files)
        {
            var atHead = head.Tree[file.Path] is { TargetType: TreeEntryTargetType.Blob } entry ? entry.Target.Id : null;
            if (atHead == file.Before) continue; // already as before that commit
            if (atHead != file.After)
            {
                conflicts.Add(file.Path);
                continue;
            }
            // Spelled out: a bare `null` here would convert to an empty ReadOnlyMemory (via byte[]) and empty the file.
            changes[file.Path] = file.Before is null ? (ReadOnlyMemory<byte>?)null : TreeSnapshotReader.ReadBlob(repo.Lookup<Blob>(file.Before));
        }
        if (conflicts.Count > 0)
            return new EditResult.Refused(RejectionKind.Conflict,
                $"cannot revert {sha[..Math.Min(12, sha.Length)]}: changed since by later commits: {string.Join(", ", conflicts.Order(StringComparer.Ordinal))}");
        return new EditResult.Changes(changes.ToImmutable());
    }

    /// <summary>Writes an edit as one commit on another branch than the tracked one (a draft's).</summary>
    internal delegate Task<MutationOutcome> CommitTarget(
        string? expectedHead, CommitAuthor author, string message, Func<Repository, Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin);

    /// <summary>One file a commit changed: its blob before (null: added) and after (null: deleted).</summary>
    private sealed record RevertedFile(string Path, ObjectId? Before, ObjectId? After);
}
