using System.Collections.Immutable;
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

public sealed partial class GitConfigStore
{
    private static readonly TimeSpan ReviewFetchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Fetches one ref (e.g. <c>refs/pull/7/head</c>) from a remote URL into this repository, without moving the
    /// tracked branch. The objects stay; the temporary ref is removed. Credentials are sent only to the configured remote.</summary>
    public async Task<CommitFetch> FetchForReviewAsync(string remoteUrl, string sourceRef, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(remoteUrl);
        ArgumentException.ThrowIfNullOrEmpty(sourceRef);
        var destination = $"refs/gitops/review/{Guid.NewGuid():N}";
        var result = await GitCommand.RunAsync(
            ["--git-dir", RepositoryPath, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remoteUrl, $"+{sourceRef}:{destination}"],
            RemoteCredentials.EnvironmentFor(_options, remoteUrl),
            ReviewFetchTimeout,
            cancellationToken);
        if (!result.Succeeded) return new CommitFetch.Failed($"git fetch {sourceRef} failed: {FirstLine(result.Error)}");
        lock (_gate)
        {
            var reference = Repo.Refs[destination];
            var sha = reference?.ResolveToDirectReference()?.TargetIdentifier;
            if (reference is not null) Repo.Refs.Remove(reference);
            return sha is null ? new CommitFetch.Failed($"git fetch {sourceRef} wrote no ref") : new CommitFetch.Fetched(sha);
        }
    }

    /// <summary>Whether the commit is in the repository (no tree is read).</summary>
    public bool HasCommit(string sha)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha);
        lock (_gate) return Repo.Lookup<Commit>(sha) is not null;
    }

    /// <summary>The files of a commit (repository-relative path → content), or null when the commit is not in the repository.</summary>
    public ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>? FilesAt(string sha)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha);
        lock (_gate)
        {
            var commit = Repo.Lookup<Commit>(sha);
            return commit is null ? null : FilesOf(commit.Tree);
        }
    }

    /// <summary>The best common ancestor of two commits, or null when they share no history.</summary>
    public string? MergeBase(string first, string second)
    {
        lock (_gate)
        {
            var a = Repo.Lookup<Commit>(first);
            var b = Repo.Lookup<Commit>(second);
            return a is null || b is null ? null : Repo.ObjectDatabase.FindMergeBase(a, b)?.Sha;
        }
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
