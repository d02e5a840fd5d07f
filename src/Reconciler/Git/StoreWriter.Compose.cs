using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

internal sealed partial class StoreWriter
{
    /// <summary>The steps every commit of the store takes, on any branch (the tracked branch, a draft): edit the snapshot at
    /// <paramref name="head"/>, write the tree, validate it, write the (signed) commit and flush its objects. Moves no ref.
    /// Call inside <see cref="RepositoryHandle.Use{T}"/>.</summary>
    internal Composition Compose(
        Repository repo, Commit head, CommitAuthor author, string message,
        Func<Repository, Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin)
    {
        var baseTree = reader.ReadTree(head.Tree);
        var changes = edit(repo, head, baseTree.At(head.Sha));
        if (changes is EditResult.Refused refused) return new Composition.Refused(new MutationOutcome.Rejected(refused.Kind, refused.Message));
        var files = ((EditResult.Changes)changes).Files;
        if (files.Keys.FirstOrDefault(p => !TreeEditor.IsValidPath(p)) is { } badPath)
            return new Composition.Refused(new MutationOutcome.Rejected(RejectionKind.BadRequest, $"'{badPath}' is not a valid repository path"));

        var tree = TreeEditor.Apply(repo, head.Tree, files);
        if (tree.Sha == head.Tree.Sha) return new Composition.Refused(new MutationOutcome.NoChange(head.Sha));
        PrebuildChangedPlugins(baseTree.Snapshot, files, tree);
        var result = reader.ReadTree(tree);
        if (!result.IsValid) return new Composition.Refused(new MutationOutcome.Invalid(result.Errors));
        if (!confirmRemovingEveryPlugin && baseTree.Snapshot.Plugins.Count > 0 && result.Snapshot.Plugins.Count == 0)
            return new Composition.Refused(new MutationOutcome.Rejected(RejectionKind.ConfirmationRequired,
                $"this change removes every plugin ({string.Join(", ", baseTree.Snapshot.Plugins.Keys)}) and would leave the configuration empty; nothing was written"));

        var when = time.GetUtcNow();
        var signature = new Signature(author.Name, author.Email, when);
        var commit = signing.Write(repo, signature, signature, message, tree, [head]);
        LibGit2Durability.FlushObjects(repository.GitDirectory);
        return new Composition.Made(commit.Sha, result.At(commit.Sha), when);
    }

    /// <summary>Runs a locked step; a full or read-only data directory becomes <paramref name="failed"/> of
    /// <see cref="MutationOutcome.StorageFailed"/>.</summary>
    internal T Guarded<T>(Func<T> step, Func<MutationOutcome.StorageFailed, T> failed)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (storage.Failure(ex) is { } fault)
        {
            return failed(fault);
        }
    }
}
