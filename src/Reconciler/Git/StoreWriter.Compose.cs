using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

internal sealed partial class StoreWriter
{
    /// <summary>The steps every commit of the store takes, on any branch (the tracked branch, a draft): edit the snapshot at
    /// <paramref name="head"/>, write the tree, validate it, write the (signed) commit and flush its objects
    /// (<see cref="CommitBuilder"/>). Moves no ref. Call inside <see cref="RepositoryHandle.Use{T}"/>.</summary>
    internal Composition Compose(
        Repository repo, Commit head, CommitAuthor author, string message,
        Func<Repository, Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin)
    {
        var summary = message.Split('\n', 2)[0];
        var write = new WriteRequest(head.Sha, author, message, summary, edit, confirmRemovingEveryPlugin);
        switch (Builder.Build(repo, head, _reader.ReadTree(head.Tree), write))
        {
            case WriteStep.Written written:
                LibGit2Durability.FlushObjects(_repository.GitDirectory);
                return new Composition.Made(written.Commit.Sha, written.Snapshot, written.When);
            case WriteStep.Done done:
                return new Composition.Refused(done.Outcome);
            default:
                throw new InvalidOperationException("unknown write step");
        }
    }

    /// <summary>Runs a locked step; a full or read-only data directory becomes <paramref name="failed"/> of
    /// <see cref="MutationOutcome.StorageFailed"/>.</summary>
    internal T Guarded<T>(Func<T> step, Func<MutationOutcome.StorageFailed, T> failed)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (_storage.Failure(ex) is { } fault)
        {
            return failed(fault);
        }
    }
}
