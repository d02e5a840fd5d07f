using System.Diagnostics;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>A bare repository standing in for the GitHub remote, with a working clone to make commits and push them,
/// including to <c>refs/pull/N/head</c> the way GitHub exposes pull-request heads.</summary>
internal sealed class BareRemote : IDisposable
{
    private readonly TempDirectory _root = new("gitops-remote");

    private BareRemote()
    {
    }

    public string Url => Path.Combine(_root.Path, "remote.git");

    private string Work => Path.Combine(_root.Path, "work");

    /// <summary>A remote whose <c>main</c> holds examples/repo.</summary>
    public static BareRemote CreateFromExamples()
    {
        var remote = new BareRemote();
        Git(remote._root.Path, "init", "--quiet", "--bare", "-b", "main", remote.Url);
        Git(remote._root.Path, "clone", "--quiet", remote.Url, remote.Work);
        CopyFolder(RepositoryRoot.ExamplesRepo, remote.Work);
        remote.Commit("Seed from examples");
        Git(remote.Work, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        return remote;
    }

    public string Head(string branch = "main") => Git(Work, "rev-parse", $"refs/remotes/origin/{branch}").Trim();

    /// <summary>Starts a branch from origin/main in the working clone.</summary>
    public void Branch(string name) => Git(Work, "checkout", "--quiet", "-B", name, "origin/main");

    public void Write(string path, string content) => File.WriteAllText(Path.Combine(Work, path), content);

    public string Read(string path) => File.ReadAllText(Path.Combine(Work, path));

    /// <param name="signing">git <c>-c</c> settings to sign with (<c>commit -S</c>); null: unsigned.</param>
    public string Commit(string message, IReadOnlyList<string>? signing = null)
    {
        Git(Work, "add", "--all");
        Git(Work, [.. signing ?? [], "-c", "user.name=Jane Doe", "-c", "user.email=jdoe@example.com", "commit", "--quiet", "--allow-empty", .. signing is null ? Array.Empty<string>() : ["-S"], "-m", message]);
        return Git(Work, "rev-parse", "HEAD").Trim();
    }

    /// <summary>Pushes the current commit to a branch and to the pull request's head ref, as GitHub would.</summary>
    public void PushPullRequest(string branch, int number)
    {
        Git(Work, "push", "--quiet", "--force", "origin", $"HEAD:refs/heads/{branch}");
        Git(Work, "push", "--quiet", "--force", "origin", $"HEAD:refs/pull/{number}/head");
        Git(Work, "fetch", "--quiet", "origin");
    }

    public void Dispose() => _root.Dispose();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string Git(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
        return output;
    }
}
