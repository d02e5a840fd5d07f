using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Signing;
using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>Signed commits: the store signs every commit it writes (the one place commits are created) and verifies a new
/// branch head before its snapshot may replace <see cref="Current"/> (a failing head is handled like an invalid one).</summary>
public sealed partial class GitConfigStore
{
    private CommitSignatures? _signatures;
    private VerificationFailure? _lastFailure;

    /// <summary>The signing and verification set-up, when attached.</summary>
    public CommitSignatures? Signatures => _signatures;

    /// <summary>Attaches signing and verification before <see cref="Initialize"/> (so even the seed is signed).</summary>
    public void AttachSignatures(CommitSignatures signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        lock (_gate) _signatures = signatures;
    }

    /// <summary>Writes a commit object, signed with the service's key when one is attached.</summary>
    private Commit WriteCommitLocked(Signature author, Signature committer, string message, Tree tree, Commit[] parents)
    {
        if (_signatures?.Signer is not { } signer)
            return Repo.ObjectDatabase.CreateCommit(author, committer, message, tree, parents, prettifyMessage: false);
        var buffer = Commit.CreateBuffer(author, committer, message, tree, parents, prettifyMessage: false, commentChar: null);
        var id = Repo.ObjectDatabase.CreateCommitWithSignature(buffer, signer.Sign(buffer));
        return Repo.Lookup<Commit>(id);
    }

    /// <summary>Null when the head may be applied; else the failure as a head problem (counted once per failing commit and reason).</summary>
    private HeadProblem? VerifyLocked(Commit head)
    {
        if (_signatures is not { Mode: not VerificationMode.Off } signatures) return null;
        if (signatures.Verify(Repo, head) is not { } failure) return null;
        if (_lastFailure is null || _lastFailure.Commit != failure.Commit || _lastFailure.Kind != failure.Kind)
        {
            metrics?.CountVerificationFailure(failure.Label);
            LogVerificationFailed(head.Sha, failure.Commit, failure.Reason, failure.KeyId ?? "none");
        }
        _lastFailure = failure;
        var error = new ValidationError("", 0, 0, "signature", failure.ToString());
        return new HeadProblem(head.Sha, [error]) { Verification = failure };
    }

    /// <summary>Whether a commit (e.g. a pull request head) would pass verification under the mode; null when it would,
    /// or when verification is off.</summary>
    public VerificationFailure? VerifyCommit(string sha)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha);
        lock (_gate)
        {
            if (_signatures is not { Mode: not VerificationMode.Off } signatures || Repo.Lookup<Commit>(sha) is not { } commit) return null;
            return signatures.Verify(Repo, commit);
        }
    }

    /// <summary>A mutation on a head that failed verification would sign (and so launder) what nobody allowed: refused.</summary>
    private MutationOutcome.Rejected? RefuseUnverifiedLocked(string headId) =>
        _headError is { Verification: { } failure } problem && problem.Head == headId
            ? new MutationOutcome.Rejected(RejectionKind.Conflict, $"the branch head is not applied: {failure}; fix or revert it in git first")
            : null;

    /// <summary>Signed or not, by whom, and whether it verifies (for history); verification runs even with the mode off.</summary>
    private CommitSignatureInfo DescribeSignatureLocked(Commit commit)
    {
        if (_signatures is null)
            return CommitVerifier.FormatOf(Repo, commit) is { } format
                ? new CommitSignatureInfo(true, format.ToString(), null, null, null, null)
                : CommitSignatureInfo.None;
        return _signatures.Check(Repo, commit) switch
        {
            SignatureCheck.Verified v => new CommitSignatureInfo(true, v.Format.ToString(), v.KeyId, v.Principal, true, null),
            SignatureCheck.Rejected r => new CommitSignatureInfo(true, r.Format?.ToString(), r.KeyId, r.Principal, false, r.Reason),
            _ => CommitSignatureInfo.None,
        };
    }
}

/// <summary>A commit's signature as history shows it. <paramref name="Verified"/> is null when nothing can verify (no policy).</summary>
public sealed record CommitSignatureInfo(bool Signed, string? Format, string? KeyId, string? Signer, bool? Verified, string? Reason)
{
    public static CommitSignatureInfo None { get; } = new(false, null, null, null, false, "the commit is not signed");
}
