using System.Collections;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests;

/// <summary>What one in-process run of the CLI returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>gitops</c> in-process through <see cref="CliApp.RunAsync"/> with captured output and an explicit environment.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(IDictionary environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error, environment);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs against a server with its admin token, both given through the environment as a user would.</summary>
    public static Task<CliResult> AgainstAsync(ServiceProcess server, params string[] args) =>
        RunAsync(Environment(server), args);

    public static Hashtable Environment(ServiceProcess server) => new()
    {
        ["GITOPS_SERVER"] = server.BaseAddress.ToString(),
        ["GITOPS_TOKEN"] = server.AdminToken ?? "",
    };
}
