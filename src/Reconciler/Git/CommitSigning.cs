using GitOps.Reconciler.Signing;
using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git;

/// <summary>Signed commits for the store: signs every commit it writes (the one place commits are created) and verifies a
/// new branch head before its snapshot may replace <see cref="GitConfigStore.Current"/> (a failing head is handled like an
/// invalid one). Every method taking a <see cref="Repository"/> runs inside <see cref="RepositoryHandle.Use{T}"/>.</summary>
internal sealed partial class CommitSigning(ILogger logger, Observability.GitOpsMetrics? metrics)
{
    private volatile CommitSignatures? _signatures;
    private VerificationFailure? _lastFailure;

    public CommitSignatures? Signatures => _signatures;

    public void Attach(CommitSignatures signatures) => _signatures = signatures;

    /// <summary>Writes a commit object, signed with the service's key when one is attached.</summary>
    public Commit Write(Repository repository, Signature author, Signature committer, string message, Tree tree, Commit[] parents)
    {
        if (_signatures?.Signer is not { } signer)
            return repository.ObjectDatabase.CreateCommit(author, committer, message, tree, parents, prettifyMessage: false);
        var buffer = Commit.CreateBuffer(author, committer, message, tree, parents, prettifyMessage: false, commentChar: null);
        var id = repository.ObjectDatabase.CreateCommitWithSignature(buffer, signer.Sign(buffer));
        return repository.Lookup<Commit>(id);
    }

    /// <summary>Null when the head may be applied; else the failure as a head problem (counted once per failing commit and reason).</summary>
    public HeadProblem? VerifyHead(Repository repository, Commit head)
    {
        if (_signatures is not { Mode: not VerificationMode.Off } signatures) return null;
        if (signatures.Verify(repository, head) is not { } failure) return null;
        if (_lastFailure is null || _lastFailure.Commit != failure.Commit || _lastFailure.Kind != failure.Kind)
        {
            metrics?.CountVerificationFailure(failure.Label);
            LogVerificationFailed(head.Sha, failure.Commit, failure.Reason, failure.KeyId ?? "none");
        }
        _lastFailure = failure;
        var error = new ValidationError("", 0, 0, "signature", failure.ToString());
        return new HeadProblem(head.Sha, [error]) { Verification = failure };
    }

    /// <summary>Whether a commit would pass verification under the mode; null when it would, when it is not in the
    /// repository, or when verification is off.</summary>
    public VerificationFailure? Verify(Repository repository, string sha)
    {
        if (_signatures is not { Mode: not VerificationMode.Off } signatures || repository.Lookup<Commit>(sha) is not { } commit) return null;
        return signatures.Verify(repository, commit);
    }

    /// <summary>A mutation on a head that failed verification would sign (and so launder) what nobody allowed: refused.</summary>
    public static MutationOutcome.Rejected? RefuseUnverified(HeadProblem? headError, string headId) =>
        headError is { Verification: { } failure } problem && problem.Head == headId
            ? new MutationOutcome.Rejected(RejectionKind.Conflict, $"the branch head is not applied: {failure}; fix or revert it in git first")
            : null;

    /// <summary>Signed or not, by whom, and whether it verifies (for history); verification runs even with the mode off.</summary>
    public CommitSignatureInfo Describe(Repository repository, Commit commit)
    {
        if (_signatures is not { } signatures)
            return CommitVerifier.FormatOf(repository, commit) is { } format
                ? new CommitSignatureInfo(true, format.ToString(), null, null, null, null)
                : CommitSignatureInfo.None;
        return signatures.Check(repository, commit) switch
        {
            SignatureCheck.Verified v => new CommitSignatureInfo(true, v.Format.ToString(), v.KeyId, v.Principal, true, null),
            SignatureCheck.Rejected r => new CommitSignatureInfo(true, r.Format?.ToString(), r.KeyId, r.Principal, false, r.Reason),
            _ => CommitSignatureInfo.None,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Branch head {Head} not applied: commit {Commit} failed signature verification: {Reason} (key {KeyId})")]
    private partial void LogVerificationFailed(string head, string commit, string reason, string keyId);
}

/// <summary>A commit's signature as history shows it. <paramref name="Verified"/> is null when nothing can verify (no policy).</summary>
public sealed record CommitSignatureInfo(bool Signed, string? Format, string? KeyId, string? Signer, bool? Verified, string? Reason)
{
    public static CommitSignatureInfo None { get; } = new(false, null, null, null, false, "the commit is not signed");
}
