using GitOps.Reconciler.Git.Remote;
using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>The outcome of fetching a commit for review (pull-request validation).</summary>
public abstract record CommitFetch
{
    private CommitFetch() { }

    /// <summary>The ref was fetched; <paramref name="Sha"/> is the commit it pointed to.</summary>
    public sealed record Fetched(string Sha) : CommitFetch;

    public sealed record Failed(string Reason) : CommitFetch;
}

/// <summary>Pull-request review reads: fetch a proposed commit without moving the branch, and read commits that are not
/// the head (their files, a merge base, their signature). The fetch is the same <c>git fetch</c> the remote catch-up runs
/// (<see cref="GitRemote.FetchRefAsync"/>), outside the repository lock.</summary>
internal sealed class ReviewReads(RepositoryHandle repository, RepositoryOptions options, CommitSigning signing)
{
    private static readonly TimeSpan ReviewFetchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Fetches one ref (e.g. <c>refs/pull/7/head</c>) from a remote URL into this repository, without moving the
    /// tracked branch. The objects stay; the temporary ref is removed. Credentials are sent only to the configured remote.</summary>
    public async Task<CommitFetch> FetchAsync(string remoteUrl, string sourceRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(remoteUrl);
        ArgumentException.ThrowIfNullOrEmpty(sourceRef);
        var destination = $"refs/gitops/review/{Guid.NewGuid():N}";
        var result = await GitRemote.FetchRefAsync(repository.GitDirectory, remoteUrl, $"+{sourceRef}:{destination}",
            RemoteCredentials.EnvironmentFor(options, remoteUrl), ReviewFetchTimeout, cancellationToken);
        if (!result.Succeeded) return new CommitFetch.Failed($"git fetch {sourceRef} failed: {FirstLine(result.Error)}");
        return repository.Use<CommitFetch>(repo =>
        {
            var reference = repo.Refs[destination];
            var sha = reference?.ResolveToDirectReference()?.TargetIdentifier;
            if (reference is not null) repo.Refs.Remove(reference);
            return sha is null ? new CommitFetch.Failed($"git fetch {sourceRef} wrote no ref") : new CommitFetch.Fetched(sha);
        });
    }

    /// <summary>Whether the commit is in the repository (no tree is read).</summary>
    public bool HasCommit(string sha)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha);
        return repository.Use(repo => repo.Lookup<Commit>(sha) is not null);
    }

    /// <summary>The files of a commit (repository-relative path → content), or null when the commit is not in the repository.</summary>
    public ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>? FilesAt(string sha)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha);
        return repository.Use(repo => repo.Lookup<Commit>(sha) is { } commit ? FilesOf(commit.Tree) : null);
    }

    /// <summary>Whether a commit (e.g. a pull request head) would pass verification under the mode; null when it would,
    /// or when verification is off.</summary>
    public Signing.VerificationFailure? VerifyCommit(string sha)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha);
        return repository.Use(repo => signing.Verify(repo, sha));
    }

    private static ImmutableSortedDictionary<string, ReadOnlyMemory<byte>> FilesOf(Tree root)
    {
        var files = ImmutableSortedDictionary.CreateBuilder<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        void Walk(Tree tree, string prefix)
        {
            foreach (var entry in tree)
            {
                if (entry.Target is Tree subtree) Walk(subtree, $"{prefix}{entry.Name}/");
                else if (entry.Target is Blob blob) files[prefix + entry.Name] = TreeSnapshotReader.ReadBlob(blob);
            }
        }
        Walk(root, "");
        return files.ToImmutable();
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
        return line.Length > 200 ? line[..200] : line;
    }
}
