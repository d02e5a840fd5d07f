using GitOps.Reconciler.Git;
using LibGit2Sharp;
using Org.BouncyCastle.Crypto;

namespace GitOps.Reconciler.Signing;

/// <summary>Checks one commit: reads the signed payload and the signature with libgit2 (<see cref="Commit.ExtractSignature(Repository, ObjectId)"/>),
/// verifies it in-process (BouncyCastle), then applies the <see cref="SignerPolicy"/>: allowed signer, revocation, per-path
/// rules and committer identity. Never throws for bad input: every problem is a <see cref="SignatureCheck.Rejected"/>.</summary>
public sealed class CommitVerifier(SignerPolicy policy, TimeProvider time)
{
    /// <summary>Signatures longer than this are refused unread (a real one is a few hundred bytes to a few KiB).</summary>
    public const int MaxSignatureBytes = 64 * 1024;

    public SignerPolicy Policy => policy;

    public SignatureCheck Check(Repository repo, Commit commit)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(commit);
        var signed = Read(repo, commit);
        if (signed.Check is { } early) return early;
        SignatureCheck check;
        try
        {
            check = signed.Signature!.StartsWith(SshSignature.Begin, StringComparison.Ordinal)
                ? CheckSsh(signed.Signature, signed.Payload!, commit.Committer.When)
                : signed.Signature.StartsWith(OpenPgpKeys.Begin, StringComparison.Ordinal)
                    ? policy.OpenPgp.Verify(signed.Signature, signed.Payload!, time.GetUtcNow())
                    : new SignatureCheck.Rejected(FailureKind.Malformed, "the signature is neither OpenPGP nor SSH armour", null, null, null);
        }
        catch (Exception ex) when (ex is CryptoException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
                                       or FormatException or IOException or OverflowException or NotSupportedException)
        {
            // Hostile input reaching a corner of the crypto library: a reason, never a failed pass.
            return new SignatureCheck.Rejected(FailureKind.Malformed, $"the signature cannot be checked ({ex.GetType().Name})", null, null, null);
        }
        return check is SignatureCheck.Verified verified ? ApplyRules(repo, commit, verified) : check;
    }

    /// <summary>Whether the commit carries a signature at all, and which format (for history, with verification off).</summary>
    public static SignatureFormat? FormatOf(Repository repo, Commit commit) =>
        Read(repo, commit).Signature is { } text
            ? text.StartsWith(SshSignature.Begin, StringComparison.Ordinal) ? SignatureFormat.Ssh : SignatureFormat.OpenPgp
            : null;

    private static (string? Signature, byte[]? Payload, SignatureCheck? Check) Read(Repository repo, Commit commit)
    {
        SignatureInfo info;
        try
        {
            info = Commit.ExtractSignature(repo, commit.Id);
        }
        catch (NotFoundException)
        {
            return (null, null, new SignatureCheck.Unsigned());
        }
        catch (LibGit2SharpException ex)
        {
            return (null, null, new SignatureCheck.Rejected(FailureKind.Malformed, $"the signature cannot be read: {ex.Message}", null, null, null));
        }
        var signature = info.Signature ?? "";
        if (signature.Length > MaxSignatureBytes)
            return (null, null, new SignatureCheck.Rejected(FailureKind.Malformed,
                $"the signature is {signature.Length} bytes; more than {MaxSignatureBytes / 1024} KiB is refused unread", null, null, null));
        // Two signature headers: libgit2 joins them into one text (or the second stays in the payload). Either way refuse:
        // which one git or a reviewer would look at is ambiguous (the multiple-signature attacks on git before 2.20).
        var payload = info.SignedData ?? "";
        var headerEnd = payload.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = headerEnd < 0 ? payload : payload[..headerEnd];
        if (Count(signature, "-----BEGIN ") > 1 || headers.Contains("\ngpgsig", StringComparison.Ordinal))
            return (null, null, new SignatureCheck.Rejected(FailureKind.Malformed, "the commit carries more than one signature header", null, null, null));
        return (signature, Encoding.UTF8.GetBytes(payload), null);
    }

    private SignatureCheck CheckSsh(string armoured, byte[] payload, DateTimeOffset committed)
    {
        var (signature, error) = SshSignature.Parse(armoured);
        if (signature is null) return new SignatureCheck.Rejected(FailureKind.Malformed, error!, SignatureFormat.Ssh, null, null);
        var keyId = signature.KeyId;
        if (signature.Verify(payload) is { } bad)
            return new SignatureCheck.Rejected(bad.StartsWith("signature does not match", StringComparison.Ordinal) ? FailureKind.BadSignature : FailureKind.Malformed,
                bad, SignatureFormat.Ssh, keyId, null);
        if (policy.IsRevoked(signature.PublicKeyBlob))
            return new SignatureCheck.Rejected(FailureKind.Revoked, $"SSH key {keyId} is revoked", SignatureFormat.Ssh, keyId, null);
        if (policy.FindSsh(signature.PublicKeyBlob, committed) is not { } found)
        {
            var listed = policy.SshSigners.Any(s => s.KeyBlob.AsSpan().SequenceEqual(signature.PublicKeyBlob));
            return listed
                ? new SignatureCheck.Rejected(FailureKind.Expired, $"SSH key {keyId} is not valid at the commit time {committed:u} (valid-after/valid-before or namespaces)", SignatureFormat.Ssh, keyId, null)
                : new SignatureCheck.Rejected(FailureKind.NotAllowed, $"SSH key {keyId} is not an allowed signer", SignatureFormat.Ssh, keyId, null);
        }
        return new SignatureCheck.Verified(SignatureFormat.Ssh, keyId, found.Principal);
    }

    private SignatureCheck ApplyRules(Repository repo, Commit commit, SignatureCheck.Verified verified)
    {
        var isService = policy.ServiceKey is { } own && verified.Format == SignatureFormat.Ssh && verified.KeyId == own.KeyId;
        if (isService) return verified; // the service writes on behalf of authenticated API callers; its key may change any path
        var principals = Principals(verified);
        if (policy.RequireCommitterMatch && !CommitterMatches(verified, principals, commit.Committer.Email))
            return Reject(FailureKind.CommitterMismatch, $"committer {commit.Committer.Email} is not the signer {verified.Principal}", verified);
        if (policy.Paths.IsEmpty) return verified;
        foreach (var path in ChangedPaths(repo, commit))
            foreach (var rule in policy.Paths.Where(r => r.Covers(path)))
                if (!principals.Any(p => Glob.MatchesList(rule.Principals, p)))
                    return Reject(FailureKind.PathNotAllowed, $"{verified.Principal} may not change {path} (allowed: {string.Join(", ", rule.Principals)})", verified);
        return verified;
    }

    private IReadOnlyList<string> Principals(SignatureCheck.Verified verified) => verified.Format == SignatureFormat.OpenPgp
        ? policy.OpenPgp.EmailsOf(verified.KeyId)
        : [verified.Principal];

    private bool CommitterMatches(SignatureCheck.Verified verified, IReadOnlyList<string> principals, string email)
    {
        if (verified.Format == SignatureFormat.OpenPgp) return principals.Contains(email, StringComparer.OrdinalIgnoreCase);
        return policy.SshSigners.Any(s => s.KeyId == verified.KeyId && s.HasPrincipal(email));
    }

    private static IEnumerable<string> ChangedPaths(Repository repo, Commit commit)
    {
        var parent = commit.Parents.FirstOrDefault();
        return TreeDiff.ChangedPaths(repo, parent?.Tree, commit.Tree);
    }

    private static SignatureCheck.Rejected Reject(FailureKind kind, string reason, SignatureCheck.Verified verified) =>
        new(kind, reason, verified.Format, verified.KeyId, verified.Principal);

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
