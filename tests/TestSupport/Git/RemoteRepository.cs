using GitOps.TestSupport.Hosting;

namespace GitOps.TestSupport.Git;

/// <summary>A bare config repository served by <c>git daemon</c> on 127.0.0.1 (push enabled), seeded from a folder:
/// the remote of remote-mode tests. <see cref="CommitFile"/> plays another writer pushing to it.</summary>
public sealed class RemoteRepository : IAsyncDisposable
{
    public const string Name = "config.git";

    private readonly TempDirectory _root;

    private RemoteRepository(TempDirectory root, GitDaemon daemon)
    {
        _root = root;
        Daemon = daemon;
    }

    /// <summary>The daemon; <see cref="GitDaemon.StopAsync"/> and <see cref="GitDaemon.StartAsync()"/> simulate an outage.</summary>
    public GitDaemon Daemon { get; }

    /// <summary>The bare repository on disk (the daemon serves it).</summary>
    public string GitDirectory => Path.Combine(_root.Path, "served", Name);

    /// <summary>The <c>git://127.0.0.1:{port}/config.git</c> URL.</summary>
    public string Url => Daemon.UrlOf(Name);

    /// <summary>The same repository as a <c>file://</c> URL.</summary>
    public string FileUrl => new Uri(GitDirectory).AbsoluteUri;

    /// <summary>A fresh folder next to the remote (data directories of the replicas under test).</summary>
    public string Scratch(string name) => Path.Combine(_root.Path, name);

    /// <summary>Creates the remote with <c>main</c> holding <paramref name="seedFolder"/> (no branch at all when null) and starts the daemon.</summary>
    public static async Task<RemoteRepository> StartAsync(string? seedFolder)
    {
        var root = new TempDirectory("gitops-remote");
        var served = Path.Combine(root.Path, "served");
        var bare = Path.Combine(served, Name);
        Directory.CreateDirectory(served);
        GitCli.Run(bare, "init", "--quiet", "--bare", "-b", "main", bare);
        if (seedFolder is not null)
        {
            GitCli.Run(bare, "--work-tree", seedFolder, "add", "--all");
            var tree = GitCli.Run(bare, "write-tree");
            var commit = GitCli.Run(bare, "commit-tree", tree, "-m", "Seed");
            GitCli.Run(bare, "update-ref", "refs/heads/main", commit);
            File.Delete(Path.Combine(bare, "index"));
        }
        var daemon = await GitDaemon.StartAsync(served);
        return new RemoteRepository(root, daemon);
    }

    public string Head(string branch = "main") => GitCli.Run(GitDirectory, "rev-parse", $"refs/heads/{branch}");

    /// <summary>Branch names on the remote.</summary>
    public IReadOnlyList<string> Branches() =>
        GitCli.Run(GitDirectory, "for-each-ref", "--format=%(refname:short)", "refs/heads").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Commit ids on <paramref name="branch"/>, newest first.</summary>
    public IReadOnlyList<string> Log(string branch = "main") =>
        GitCli.Run(GitDirectory, "rev-list", $"refs/heads/{branch}").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string Show(string path, string branch = "main") => GitCli.Run(GitDirectory, "show", $"refs/heads/{branch}:{path}");

    /// <summary>Another writer: commits one file change straight onto the remote's branch (as their push would land).</summary>
    public string CommitFile(string path, string content, string message, string branch = "main") =>
        GitCli.CommitFile(GitDirectory, branch, path, content, message);

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        _root.Dispose();
    }
}
