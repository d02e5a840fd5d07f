using System.Diagnostics;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests;

/// <summary>The built <c>gitops.dll</c> run as a real process, as a user or a script runs it.</summary>
[Collection(ServerCollection.Name)]
public sealed class ProgramTests(ServerFixture fixture)
{
    [Fact]
    public async Task TheBuiltCli_ListsSourcesWithTheTokenFromTheEnvironment()
    {
        var token = fixture.Server.AdminToken!;

        var (exitCode, output, error) = await RunProcessAsync(
            new Dictionary<string, string> { ["GITOPS_SERVER"] = fixture.Server.BaseAddress.ToString(), ["GITOPS_TOKEN"] = token },
            "sources", "list", "models");

        Assert.True(exitCode == 0, $"{output}\n{error}");
        Assert.Matches(@"(?m)^organization_ai_models\s", output);
        Assert.DoesNotContain(token, output + error);
    }

    [Fact]
    public async Task TheBuiltCli_HelpDocumentsTheExitCodes()
    {
        var (exitCode, output, _) = await RunProcessAsync(new Dictionary<string, string>(), "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("2  conflict", output);
        Assert.Contains("4  server or network", output);
    }

    [Theory]
    [InlineData(Signals.SigTerm, 143, "SIGTERM")]
    [InlineData(Signals.SigInt, 130, "SIGINT")]
    public async Task TheBuiltCli_StuckInARequest_ExitsOnASignal(string signal, int exitCode, string name)
    {
        using var silent = new ListeningSocket();
        // A shell running the tests as a background job starts them with SIGINT ignored, and an ignored signal stays ignored
        // in every child (nohup semantics, which .NET honours); env --default-signal gives the CLI the terminal's disposition.
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--default-signal=INT,TERM", "dotnet", RepositoryRoot.CliDll, "status", "--server", silent.Address.ToString(), "--timeout", "600" }) info.ArgumentList.Add(arg);
        info.Environment.Remove("GITOPS_TOKEN");
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a hang guard, not a timing assertion
        try
        {
            using var connection = await silent.AcceptAsync(guard.Token); // the CLI is now waiting for an answer that never comes

            Assert.Equal(0, await Signals.SendAsync(process.Id, signal));
            await process.WaitForExitAsync(guard.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }

        Assert.Equal(exitCode, process.ExitCode);
        Assert.Contains($"gitops: stopped by {name}", await error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryRoot.CliDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("GITOPS_TOKEN");
        info.Environment.Remove("GITOPS_SERVER");
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
