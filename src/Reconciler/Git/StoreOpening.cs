using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git;

/// <summary>Start-up of a repository whose tracked branch has no value: seed a new repository, restore the branch from its
/// reflog, or refuse to start (never seed over existing history, see <see cref="MissingBranch"/>). Runs inside the
/// repository lock, from <see cref="GitConfigStore.Initialize"/>.</summary>
internal sealed partial class StoreOpening(RepositoryHandle repository, CommitSigning signing, RepositoryOptions options, TimeProvider time, ILogger logger)
{
    public void OpenWithoutBranch(Repository repo)
    {
        switch (MissingBranch.Inspect(repo, repository.GitDirectory, repository.BranchRef, Path.GetFullPath(options.Path)))
        {
            case MissingBranch.Fresh:
                Seed(repo);
                break;
            case MissingBranch.Restore restore:
                var author = GitConfigStore.SystemAuthor;
                var identity = new ReflogIdentity(author.Name, author.Email, time.GetUtcNow());
                if (repository.Branch.TryUpdate(null, restore.Commit, identity, "gitops: restored from reflog after the ref was found missing") is RefUpdate.Updated)
                    LogBranchRestored(repository.BranchRef, restore.Commit, restore.ReflogEntry);
                break;
            case MissingBranch.Refuse refuse:
                repository.Dispose();
                LogBranchMissing(repository.BranchRef, refuse.Message);
                throw new InvalidOperationException(refuse.Message);
        }
    }

    private void Seed(Repository repo)
    {
        var seed = SeedFolder.Resolve(options.Seed);
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(seed, file).Replace('\\', '/')] = File.ReadAllBytes(file);
        var tree = TreeEditor.Create(repo, files);
        var when = time.GetUtcNow();
        var author = GitConfigStore.SystemAuthor;
        var signature = new Signature(author.Name, author.Email, when);
        var commit = signing.Write(repo, signature, signature, $"Seed from {options.Seed}\n", tree, []);
        LibGit2Durability.FlushObjects(repository.GitDirectory);
        var identity = new ReflogIdentity(author.Name, author.Email, when);
        if (repository.Branch.TryUpdate(null, commit.Sha, identity, "gitops: seed") is not RefUpdate.Updated)
            return; // another process seeded it first; Reload reads theirs
        repo.Refs.UpdateTarget("HEAD", repository.BranchRef);
        LogSeeded(seed, commit.Sha);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded new config repository from {SeedPath} as {Head}")]
    private partial void LogSeeded(string seedPath, string head);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Branch {BranchRef} was missing or empty: restored it to {Head} from its reflog (last entry: {ReflogEntry}); nothing was seeded")]
    private partial void LogBranchRestored(string branchRef, string head, string reflogEntry);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Branch {BranchRef} is missing and cannot be restored: {Problem}")]
    private partial void LogBranchMissing(string branchRef, string problem);
}
