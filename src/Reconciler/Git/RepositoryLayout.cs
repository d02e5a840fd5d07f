namespace GitOps.Reconciler.Git;

/// <summary>Where the store's git directory lives under <c>Repository:Path</c>.</summary>
/// <remarks>
/// Normally <c>{Path}/repo.git</c>, a bare repository the service owns. For local development, when no remote is
/// configured and <c>{Path}</c> is a non-bare clone (it has a <c>.git</c> directory), the store opens that clone's
/// <c>.git</c> instead, so the developer's own <c>git commit</c> there moves the branch the service serves; the host
/// watches the branch refs and reconciles at once (WebhookApi <c>WorkingCloneWatcher</c>). Only the branch and the object
/// database are used: the work tree and index are never touched, not even by the service's own commits.
/// </remarks>
public sealed record RepositoryLayout(string GitDirectory, bool IsWorkingClone)
{
    public static RepositoryLayout For(RepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.GetFullPath(options.Path);
        var dotGit = Path.Combine(root, ".git");
        return string.IsNullOrWhiteSpace(options.RemoteUrl) && Directory.Exists(dotGit)
            ? new RepositoryLayout(dotGit, IsWorkingClone: true)
            : new RepositoryLayout(Path.Combine(root, "repo.git"), IsWorkingClone: false);
    }

    /// <summary>Keeps a file the service writes into the data directory (e.g. <c>admin.token</c>) out of the clone's
    /// <c>git status</c> and <c>git add -A</c>, through the clone-local <c>.git/info/exclude</c> (never committed).</summary>
    public void ExcludeFromWorkTree(string fileName)
    {
        if (!IsWorkingClone) return;
        var exclude = Path.Combine(GitDirectory, "info", "exclude");
        var pattern = "/" + fileName;
        if (File.Exists(exclude) && File.ReadLines(exclude).Any(l => l.Trim() == pattern)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(exclude)!);
        var prefix = File.Exists(exclude) && !File.ReadAllText(exclude).EndsWith('\n') && new FileInfo(exclude).Length > 0 ? "\n" : "";
        File.AppendAllText(exclude, $"{prefix}# written by gitops-reconciler: local state, never commit it\n{pattern}\n");
    }
}
