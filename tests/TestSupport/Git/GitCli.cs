using System.Diagnostics;

namespace GitOps.TestSupport.Git;

/// <summary>Runs the real <c>git</c> command line against a repository (a second, independent writer in tests).</summary>
public static class GitCli
{
    /// <summary>Runs git in <paramref name="gitDirectory"/> and returns trimmed stdout; throws with stderr on a non-zero exit.</summary>
    public static string Run(string gitDirectory, params string[] arguments)
    {
        var (exitCode, output, error) = TryRun(gitDirectory, arguments);
        if (exitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited with {exitCode}: {error}");
        return output;
    }

    /// <summary>Runs git and returns its exit code, stdout and stderr without throwing.</summary>
    public static (int ExitCode, string Output, string Error) TryRun(string gitDirectory, params string[] arguments) =>
        TryRun(gitDirectory, null, arguments);

    private static (int ExitCode, string Output, string Error) TryRun(string gitDirectory, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--git-dir");
        start.ArgumentList.Add(gitDirectory);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_AUTHOR_NAME"] = "other-writer";
        start.Environment["GIT_AUTHOR_EMAIL"] = "other@example.test";
        start.Environment["GIT_COMMITTER_NAME"] = "other-writer";
        start.Environment["GIT_COMMITTER_EMAIL"] = "other@example.test";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = Path.GetTempPath();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result.Trim(), error.Result.Trim());
    }

    /// <summary>Commits a change to one file on <paramref name="branch"/> with plumbing only (no work tree), the way another
    /// process would: hash-object, read-tree into a temporary index, update-index, write-tree, commit-tree, update-ref
    /// with the old value (git's own compare-and-swap). Returns the new commit id.</summary>
    public static string CommitFile(string gitDirectory, string branch, string path, string content, string message)
    {
        var parent = Run(gitDirectory, "rev-parse", $"refs/heads/{branch}");
        var blobFile = Path.GetTempFileName();
        var index = Path.Combine(Path.GetTempPath(), $"gitops-index-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(blobFile, content);
            var blob = Run(gitDirectory, "hash-object", "-w", blobFile);
            RunWithIndex(gitDirectory, index, "read-tree", parent);
            RunWithIndex(gitDirectory, index, "update-index", "--add", "--cacheinfo", $"100644,{blob},{path}");
            var tree = RunWithIndex(gitDirectory, index, "write-tree");
            var commit = Run(gitDirectory, "commit-tree", tree, "-p", parent, "-m", message);
            Run(gitDirectory, "update-ref", $"refs/heads/{branch}", commit, parent);
            return commit;
        }
        finally
        {
            File.Delete(blobFile);
            File.Delete(index);
        }
    }

    /// <summary>Runs git with <c>GIT_INDEX_FILE</c> set to <paramref name="index"/> (a temporary index, for plumbing without a work tree).</summary>
    public static string RunWithIndex(string gitDirectory, string index, params string[] arguments)
    {
        var (exitCode, output, error) = TryRun(gitDirectory, new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index }, arguments);
        if (exitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited with {exitCode}: {error}");
        return output;
    }
}
