using System.Collections.Concurrent;
using LibGit2Sharp;

namespace GitOps.Reconciler.Signing;

/// <summary>What the store attaches to sign and verify commits: the mode, the verifier, the service's key. Results are
/// cached by commit id (a commit's bytes never change), so a head is verified once however often passes reload it.</summary>
public sealed class CommitSignatures(VerificationMode mode, CommitVerifier verifier, ServiceSigningKey? signer, string? since = null)
{
    private const int MaxCached = 10_000;
    private const int VerifiedHeadsKept = 16;
    private readonly ConcurrentDictionary<string, SignatureCheck> _checks = new(StringComparer.Ordinal);
    private readonly List<string> _verifiedHeads = [];

    public VerificationMode Mode => mode;

    public ServiceSigningKey? Signer => signer;

    public CommitVerifier Verifier => verifier;

    /// <summary>One commit's check (cached).</summary>
    public SignatureCheck Check(Repository repo, Commit commit)
    {
        if (_checks.TryGetValue(commit.Sha, out var cached)) return cached;
        if (_checks.Count >= MaxCached) _checks.Clear();
        return _checks[commit.Sha] = verifier.Check(repo, commit);
    }

    /// <summary>Null when <paramref name="head"/> may be applied under the mode; otherwise the first failing commit.
    /// <c>All</c> walks every commit reachable from the head that is not behind an already verified head or <c>Since</c>.</summary>
    public VerificationFailure? Verify(Repository repo, Commit head)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(head);
        switch (mode)
        {
            case VerificationMode.Off:
                return null;
            case VerificationMode.Head:
                return Check(repo, head) is SignatureCheck.Verified ? null : VerificationFailure.Of(head.Sha, Check(repo, head));
        }
        lock (_verifiedHeads)
        {
            if (_verifiedHeads.Contains(head.Sha)) return null;
            var exclude = new List<object>(_verifiedHeads);
            if (since is not null && repo.Lookup<Commit>(since) is { } trusted) exclude.Add(trusted);
            var filter = new CommitFilter { IncludeReachableFrom = head, ExcludeReachableFrom = exclude, SortBy = CommitSortStrategies.Topological };
            foreach (var commit in repo.Commits.QueryBy(filter))
                if (Check(repo, commit) is not SignatureCheck.Verified)
                    return VerificationFailure.Of(commit.Sha, Check(repo, commit));
            if (_verifiedHeads.Count >= VerifiedHeadsKept) _verifiedHeads.RemoveAt(0);
            _verifiedHeads.Add(head.Sha);
            return null;
        }
    }
}
