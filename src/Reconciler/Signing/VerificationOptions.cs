using System.ComponentModel.DataAnnotations;

namespace GitOps.Reconciler.Signing;

/// <summary>Which commits must carry a good signature from an allowed signer before their snapshot is applied.</summary>
public enum VerificationMode
{
    /// <summary>No verification (the embedded default).</summary>
    Off,

    /// <summary>The commit at the branch head.</summary>
    Head,

    /// <summary>Every commit since the last verified one (or since <see cref="VerificationOptions.Since"/>).</summary>
    All,
}

/// <summary>Signed commits (section <c>GitOps:Verification</c>): verification before apply and the service's own signing key.</summary>
public sealed class VerificationOptions
{
    public const string SectionName = "GitOps:Verification";

    public VerificationMode Mode { get; set; } = VerificationMode.Off;

    /// <summary>Allowed SSH signers, one line each in git's <c>gpg.ssh.allowedSignersFile</c> shape.</summary>
    public List<string> AllowedSigners { get; set; } = [];

    /// <summary>A mounted allowed-signers file; read at start-up, added to <see cref="AllowedSigners"/>.</summary>
    public string? AllowedSignersFile { get; set; }

    /// <summary>SSH public keys (one per line, as in git's <c>gpg.ssh.revocationFile</c>) that are refused even when allowed.</summary>
    public string? RevokedKeysFile { get; set; }

    /// <summary>Allowed OpenPGP public keys, armoured key blocks.</summary>
    public List<string> OpenPgpKeys { get; set; } = [];

    /// <summary>A mounted file of armoured OpenPGP public key blocks (<c>gpg --export --armor</c>).</summary>
    public string? OpenPgpKeysFile { get; set; }

    /// <summary>Per-path signer lists: a commit changing a path that matches <see cref="PathSigners.Pattern"/> must be signed
    /// by one of its principals; a commit touching paths of several rules needs a signer allowed by each.</summary>
    public List<PathSigners> Paths { get; set; } = [];

    /// <summary>When true, the committer email must match the signer's principal (SSH) or a user id email (OpenPGP).</summary>
    public bool RequireCommitterMatch { get; set; }

    /// <summary>In <c>All</c> mode, a commit (sha) whose history is trusted: it and its ancestors are not checked.</summary>
    [RegularExpression("^[0-9a-fA-F]{40}$", ErrorMessage = "GitOps:Verification:Since must be a full 40-hex commit sha")]
    public string? Since { get; set; }

    /// <summary>Whether the service signs the commits it writes (API, UI, CLI, reverts, pull-request branches, the seed).</summary>
    public bool SignCommits { get; set; } = true;

    /// <summary>The service's SSH Ed25519 private key (OpenSSH format, unencrypted). Default <c>{Repository:Path}/signing.key</c>,
    /// created 0600 on first start when missing.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The principal the service's key signs as.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ServicePrincipal { get; set; } = "gitops-reconciler";

    /// <summary>Whether the service's own key counts as an allowed signer for every path (its writes are guarded by API roles).</summary>
    public bool TrustServiceKey { get; set; } = true;
}

/// <summary>One per-path rule: paths matching <see cref="Pattern"/> (<c>*</c> any run of characters, <c>/**</c> at the end:
/// everything below) may be changed only by signers with one of <see cref="Principals"/> (patterns too).</summary>
public sealed class PathSigners
{
    [Required(AllowEmptyStrings = false)]
    public string Pattern { get; set; } = "";

    [MinLength(1)]
    public List<string> Principals { get; set; } = [];

    internal bool Covers(string path) =>
        Pattern.EndsWith("/**", StringComparison.Ordinal)
            ? path.StartsWith(Pattern[..^2], StringComparison.Ordinal)
            : Glob.Matches(Pattern, path);
}
