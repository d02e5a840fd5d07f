using GitOps.TestSupport.Hosting;

namespace GitOps.TestSupport.Signing;

/// <summary>A non-bare clone where commits are made with <c>git commit -S</c>, as a person would, and pushed.</summary>
public sealed class SignedWorkTree : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-worktree");

    /// <summary>Clones <paramref name="remoteUrl"/>, or starts an empty repository when null.</summary>
    public SignedWorkTree(string? remoteUrl = null, string branch = "main")
    {
        Branch = branch;
        if (remoteUrl is null) Git(null, "init", "-q", "-b", branch, Path);
        else Git(null, "clone", "-q", "-b", branch, remoteUrl, Path);
    }

    public string Path => System.IO.Path.Combine(_directory.Path, "work");

    public string Branch { get; }

    /// <summary>Writes a file and commits it, signed by <paramref name="signer"/> (null: unsigned). Returns the new commit id.</summary>
    public string Commit(string file, string content, Signer? signer, string message = "change", string? committerEmail = null, string? date = null)
    {
        var full = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        Git(null, "-C", Path, "add", "-A");
        var email = committerEmail ?? signer?.Email ?? "someone@example.test";
        var environment = new Dictionary<string, string>(signer?.Environment ?? new Dictionary<string, string>())
        {
            ["GIT_AUTHOR_NAME"] = "Tester", ["GIT_AUTHOR_EMAIL"] = email,
            ["GIT_COMMITTER_NAME"] = "Tester", ["GIT_COMMITTER_EMAIL"] = email,
        };
        if (date is not null) environment["GIT_COMMITTER_DATE"] = environment["GIT_AUTHOR_DATE"] = date;
        List<string> arguments = [.. signer?.GitConfig ?? [], "-C", Path, "commit", "-q", "-m", message];
        if (signer is not null) arguments.Add("-S");
        Tool.Run("git", arguments, environment: environment);
        return Head();
    }

    public string Head() => Git(null, "-C", Path, "rev-parse", "HEAD");

    /// <summary>Pushes the branch; returns git's exit code (0: pushed).</summary>
    public int Push() => Tool.TryRun("git", ["-C", Path, "push", "-q", "origin", $"HEAD:refs/heads/{Branch}"]).ExitCode;

    /// <summary><c>git verify-commit</c> with the given settings: true when git accepts the signature.</summary>
    public bool VerifyCommit(string sha, SigningKeys keys) =>
        Tool.TryRun("git", [.. keys.VerifyConfig, "-C", Path, "verify-commit", sha], environment: keys.VerifyEnvironment).ExitCode == 0;

    public void Dispose() => _directory.Dispose();

    private static string Git(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Tool.Run("git", arguments, environment: environment);
}
