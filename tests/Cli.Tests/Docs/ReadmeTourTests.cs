using System.Diagnostics;
using System.Text.RegularExpressions;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Docs;

/// <summary>Issue 11: README.md's tour runs top to bottom exactly as written. The commands are read from the README itself
/// (every <c>```bash</c> block of the "Tour" section, in order), so the test breaks when the README drifts.</summary>
/// <remarks>Three substitutions, each the same command without a build or a fixed port: <c>dotnet run --project
/// src/WebhookApi</c> runs the already built service, port 5080 becomes a free port, and <c>gitops</c> runs the built
/// CLI (as the README's alias does). The tour runs in a fresh folder holding only a link to <c>examples/</c>.</remarks>
public sealed partial class ReadmeTourTests : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-readme-tour");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadmeTour_RunInOrderOnAFreshDataDirectory_SucceedsAndMakesTheCommitsItDescribes()
    {
        var port = FreePort.Next();
        var tour = TourCommands(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md")));
        Assert.Contains("dotnet run --project src/WebhookApi &", tour, StringComparison.Ordinal);
        var script = string.Join('\n',
            "set -e -o pipefail",
            "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",
            $"gitops() {{ dotnet '{RepositoryRoot.CliDll}' \"$@\"; }}",
            $"export GITOPS_SERVER=http://127.0.0.1:{port}",
            tour.Replace("dotnet run --project src/WebhookApi &", $"dotnet '{RepositoryRoot.WebhookApiDll}' --urls http://127.0.0.1:{port} > service.log 2>&1 &", StringComparison.Ordinal)
                .Replace("127.0.0.1:5080", $"127.0.0.1:{port}", StringComparison.Ordinal));
        var work = _directory.Path;
        Directory.CreateSymbolicLink(Path.Combine(work, "examples"), Path.Combine(RepositoryRoot.Path, "examples"));
        await File.WriteAllTextAsync(Path.Combine(work, "tour.sh"), script);

        var (exitCode, output) = await RunAsync(work, "tour.sh");

        var log = File.Exists(Path.Combine(work, "service.log")) ? await File.ReadAllTextAsync(Path.Combine(work, "service.log")) : "";
        Assert.True(exitCode == 0, $"the tour failed ({exitCode}):\n{output}\n--- service ---\n{log}");
        Assert.Contains("urn:gitops:problem:head-moved", output, StringComparison.Ordinal); // the stale write step
        var gitDirectory = Path.Combine(work, ".gitops", "repo.git");
        var subjects = GitCli.Run(gitDirectory, "log", "--format=%s", "refs/heads/main").Split('\n');
        Assert.Contains("models: disable source organization_ai_models", subjects);
        Assert.Contains("models: add source granite", subjects);
        Assert.Contains(subjects, s => s.StartsWith("Revert ", StringComparison.Ordinal));
        Assert.Equal(0, GitCli.TryRun(gitDirectory, "fsck", "--full").ExitCode);
    }

    /// <summary>The bash blocks of the README's "## Tour" section, in order.</summary>
    internal static string TourCommands(string readme)
    {
        var start = readme.IndexOf("\n## Tour", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Tour' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        var blocks = BashBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        return string.Join('\n', blocks);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, string script)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.Environment.Remove("GitOps__Repository__Path");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }

    [GeneratedRegex("```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
