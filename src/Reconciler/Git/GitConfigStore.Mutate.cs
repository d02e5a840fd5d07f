using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;
using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

public sealed partial class GitConfigStore
{
    /// <summary>How often a mutation with no expected head (If-Match: *) is re-applied when another writer wins the race.</summary>
    private const int MaxAttemptsWithoutExpectedHead = 5;

    /// <summary>Applies one mutation as exactly one commit with compare-and-swap on the head (DESIGN §3).</summary>
    public Task<MutationOutcome> MutateAsync(MutationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = CommitMessage.Format(request.Summary, request.Reason, request.RequestId, request.Author);
        var outcome = Mutate(request.ExpectedHead, request.Author, message, request.Summary, (_, snapshot) => request.Edit(snapshot), request.ConfirmRemovingEveryPlugin, cancellationToken);
        return Task.FromResult(outcome);
    }

    /// <summary>The write path shared by mutations and reverts: read head, edit, validate, commit, compare-and-swap.</summary>
    /// <param name="edit">Computes the changes from the head commit and its snapshot; may run more than once.</param>
    private MutationOutcome Mutate(
        string? expectedHead, CommitAuthor author, string message, string summary,
        Func<Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin, CancellationToken cancellationToken)
    {
        MutationOutcome outcome;
        lock (_gate)
        {
            try
            {
                outcome = MutateLocked(expectedHead, author, message, summary, edit, confirmRemovingEveryPlugin, cancellationToken);
            }
            catch (Exception ex) when (StorageFailure(ex) is { } failed)
            {
                outcome = failed;
            }
            if (outcome is MutationOutcome.Committed committed)
            {
                _current = committed.Snapshot;
                _headError = null;
                StorageRecovered();
            }
        }
        if (outcome is MutationOutcome.Committed done) SnapshotChanged?.Invoke(done.Snapshot);
        else if (outcome is MutationOutcome.HeadMoved && HasRemote) Reload(); // a refused push moved the branch to the remote head
        return outcome;
    }

    private MutationOutcome MutateLocked(
        string? expectedHead, CommitAuthor author, string message, string summary,
        Func<Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin, CancellationToken cancellationToken)
    {
        var attempts = expectedHead is null ? MaxAttemptsWithoutExpectedHead : 1;
        string? lastSeen = null;
        string? lastTried = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var headId = BranchHead.Read() ?? throw new InvalidOperationException($"branch {_options.Branch} not found in {RepositoryPath}");
            if (expectedHead is not null && !string.Equals(expectedHead, headId, StringComparison.OrdinalIgnoreCase))
            {
                LogHeadMoved(headId, expectedHead);
                return new MutationOutcome.HeadMoved(headId, expectedHead);
            }
            if (RefuseUnverifiedLocked(headId) is { } unverified) return unverified;
            var head = Repo.Lookup<Commit>(headId) ?? throw new InvalidOperationException($"branch {_options.Branch} points at {headId}, which is not a commit");
            var baseTree = _reader.ReadTree(head.Tree);
            var changes = edit(head, baseTree.At(headId));
            if (changes is EditResult.Refused refused) return new MutationOutcome.Rejected(refused.Kind, refused.Message);
            var files = ((EditResult.Changes)changes).Files;
            if (files.Keys.FirstOrDefault(p => !TreeEditor.IsValidPath(p)) is { } badPath)
                return new MutationOutcome.Rejected(RejectionKind.BadRequest, $"'{badPath}' is not a valid repository path");

            var tree = TreeEditor.Apply(Repo, head.Tree, files);
            if (tree.Sha == head.Tree.Sha) return new MutationOutcome.NoChange(headId);
            PrebuildChangedPlugins(baseTree.Snapshot, files, tree);
            var result = _reader.ReadTree(tree);
            if (!result.IsValid) return new MutationOutcome.Invalid(result.Errors);
            if (!confirmRemovingEveryPlugin && baseTree.Snapshot.Plugins.Count > 0 && result.Snapshot.Plugins.Count == 0)
                return new MutationOutcome.Rejected(RejectionKind.ConfirmationRequired,
                    $"this change removes every plugin ({string.Join(", ", baseTree.Snapshot.Plugins.Keys)}) and would leave the configuration empty; nothing was written");

            var when = time.GetUtcNow();
            var signature = new Signature(author.Name, author.Email, when);
            var commit = WriteCommitLocked(signature, signature, message, tree, [head]);

            LibGit2Durability.FlushObjects(RepositoryPath);

            // The commit and its objects are written and durable but not yet reachable from the branch.
            // Remote mode pushes it first (GitConfigStore.Remote.cs); the branch moves only after the remote took it.
            var published = PublishLocked(headId, commit, summary);
            if (published is not null and not MutationOutcome.HeadMoved) return published;

            var update = published is MutationOutcome.HeadMoved pushRefused
                ? new RefUpdate.Moved(pushRefused.Current)
                : BranchHead.TryUpdate(headId, commit.Sha, new ReflogIdentity(author.Name, author.Email, when), $"gitops: {summary}");
            switch (update)
            {
                case RefUpdate.Updated:
                    LogCommitted(commit.Sha, headId, summary);
                    return new MutationOutcome.Committed(commit.Sha, headId, result.At(commit.Sha));
                case RefUpdate.Moved { Current: var current }:
                    lastSeen = current;
                    break;
                case RefUpdate.Contended { Current: var current }:
                    lastSeen = current;
                    break;
            }
            lastTried = headId;
            if (expectedHead is not null)
            {
                LogHeadMoved(lastSeen ?? "", expectedHead);
                return new MutationOutcome.HeadMoved(lastSeen ?? "", expectedHead);
            }
            LogRetrying(headId, lastSeen ?? "", attempt);
        }
        return new MutationOutcome.HeadMoved(lastSeen ?? "", lastTried ?? "");
    }

    /// <summary>Builds the plugins a mutation touched from the files already in memory (the base plugin plus the
    /// changes) and caches them under their new tree ids, so validating the result reads no blob back from git.</summary>
    private void PrebuildChangedPlugins(ConfigSnapshot baseSnapshot, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes, Tree newRoot)
    {
        var prefix = SnapshotBuilder.PluginsFolder + "/";
        var byPlugin = changes
            .Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(c => c.Key.Split('/')[1], StringComparer.Ordinal);
        foreach (var group in byPlugin)
        {
            var name = group.Key;
            if (group.Any(c => c.Key.Count(ch => ch == '/') != 2)) continue; // subfolders: let the reader report them
            if (baseSnapshot.FindPlugin(name) is not { } basePlugin) continue;
            if (newRoot[prefix + name] is not { TargetType: TreeEntryTargetType.Tree } folder) continue;
            var files = basePlugin.Files.ToBuilder();
            foreach (var (path, content) in group)
            {
                var file = path[(prefix.Length + name.Length + 1)..];
                if (content is null) files.Remove(file);
                else files[file] = content.Value;
            }
            _reader.BuildPlugin(name, files.ToImmutable(), folder.Target.Sha);
        }
    }
}
