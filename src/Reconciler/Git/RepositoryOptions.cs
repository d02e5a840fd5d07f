using System.ComponentModel.DataAnnotations;

namespace GitOps.Reconciler.Git;

/// <summary>Options of the git-backed store (section <c>GitOps:Repository</c>, DESIGN §7).</summary>
public sealed class RepositoryOptions
{
    public const string SectionName = "GitOps:Repository";

    /// <summary>The data directory; the bare repository lives in <c>{Path}/repo.git</c>. Without a remote, a non-bare clone
    /// here is served from its own <c>.git</c> and watched (local development, see <see cref="RepositoryLayout"/>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "./.gitops";

    /// <summary>Remote repository URL (git://, http(s)://, file://). Empty: the embedded default (local only).</summary>
    public string? RemoteUrl { get; set; }

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[A-Za-z0-9._/-]+$", ErrorMessage = "GitOps:Repository:Branch must be a plain branch name")]
    public string Branch { get; set; } = "main";

    /// <summary>Folder copied into the first commit of a new local repository.</summary>
    public string Seed { get; set; } = "examples/repo";

    /// <summary>The default of <see cref="StaleLockAfter"/>.</summary>
    public static readonly TimeSpan DefaultStaleLockAfter = TimeSpan.FromSeconds(10);

    /// <summary>How old a ref lock file (<c>refs/heads/&lt;branch&gt;.lock</c>) must be before it counts as left by a dead
    /// writer, when no process holds it (see docs/OPERATIONS.md). git holds a ref lock for milliseconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "GitOps:Repository:StaleLockAfter must be between 00:00:00.100 and 01:00:00")]
    public TimeSpan StaleLockAfter { get; set; } = DefaultStaleLockAfter;

    /// <summary>HTTPS credentials for the remote. A token alone is sent as the password of user <c>x-access-token</c>. Never logged.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }
}
