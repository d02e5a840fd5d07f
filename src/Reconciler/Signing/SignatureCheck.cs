namespace GitOps.Reconciler.Signing;

public enum SignatureFormat
{
    OpenPgp,
    Ssh,
}

/// <summary>Why a commit failed verification; the lowercase name is the <c>reason</c> label of
/// <c>gitops_verification_failures_total</c> (a closed set, so the label never carries input).</summary>
public enum FailureKind
{
    Unsigned,
    Malformed,
    BadSignature,
    NotAllowed,
    Expired,
    Revoked,
    PathNotAllowed,
    CommitterMismatch,
}

/// <summary>The outcome of checking one commit's signature (STYLE: expected outcomes are values).</summary>
public abstract record SignatureCheck
{
    private SignatureCheck() { }

    /// <summary>A good signature by an allowed signer. <paramref name="Principal"/> is the allowed-signers principal or the
    /// OpenPGP user id's email.</summary>
    public sealed record Verified(SignatureFormat Format, string KeyId, string Principal) : SignatureCheck;

    /// <summary>The commit carries no signature.</summary>
    public sealed record Unsigned : SignatureCheck;

    /// <summary>Signed, but not acceptable; <paramref name="Reason"/> says why in words.</summary>
    public sealed record Rejected(FailureKind Kind, string Reason, SignatureFormat? Format, string? KeyId, string? Principal) : SignatureCheck;
}

/// <summary>A commit that failed verification: what status shows and the metric counts.</summary>
public sealed record VerificationFailure(string Commit, FailureKind Kind, string Reason, string? KeyId, string? Signer)
{
    public static VerificationFailure Of(string commit, SignatureCheck check) => check switch
    {
        SignatureCheck.Unsigned => new(commit, FailureKind.Unsigned, "the commit is not signed", null, null),
        SignatureCheck.Rejected r => new(commit, r.Kind, r.Reason, r.KeyId, r.Principal),
        _ => throw new ArgumentException("a verified commit is no failure", nameof(check)),
    };

    /// <summary>The <c>reason</c> label value, e.g. <c>bad-signature</c>.</summary>
    public string Label => Labels.Of(Kind);

    public override string ToString() =>
        $"commit {Commit[..Math.Min(12, Commit.Length)]} failed signature verification: {Reason}" + (KeyId is null ? "" : $" (key {KeyId}{(string.IsNullOrEmpty(Signer) ? "" : ", " + Signer)})");

    internal static class Labels
    {
        public static string Of(FailureKind kind) => kind switch
        {
            FailureKind.Unsigned => "unsigned",
            FailureKind.Malformed => "malformed",
            FailureKind.BadSignature => "bad-signature",
            FailureKind.NotAllowed => "not-allowed",
            FailureKind.Expired => "expired",
            FailureKind.Revoked => "revoked",
            FailureKind.PathNotAllowed => "path-not-allowed",
            FailureKind.CommitterMismatch => "committer-mismatch",
            _ => "other",
        };
    }
}
