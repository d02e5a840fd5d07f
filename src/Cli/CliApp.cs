using System.Collections;
using GitOps.Cli.Commands;

namespace GitOps.Cli;

/// <summary>The <c>gitops</c> command line. <see cref="RunAsync"/> is the whole program, callable in-process with
/// captured output and a given environment.</summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IDictionary environment, CancellationToken cancellationToken = default) =>
        RunAsync(args, TextReader.Null, output, error, environment, cancellationToken);

    /// <summary>A run with standard input (where <c>secrets set</c> and <c>secrets encrypt</c> read values).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, IDictionary environment, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error, environment) { In = input };
        var root = Build(console);
        // No ProcessTerminationTimeout: System.CommandLine would cancel the signal and wait for the command, which never
        // comes back from work that does not watch the token; Program lets the signal end the process instead.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = true, ProcessTerminationTimeout = null };
        var exitCode = await root.Parse(args).InvokeAsync(configuration, cancellationToken);
        await output.FlushAsync(cancellationToken);
        await error.FlushAsync(cancellationToken);
        return exitCode;
    }

    public static RootCommand Build(CliConsole console)
    {
        var options = new CommonOptions();
        var runner = new CommandRunner(options, console);
        var root = new RootCommand($"""
            gitops: the GitOps Reconciler command-line client.
            Every change is a git commit guarded by the head it was read at (If-Match).

            {ExitCode.HelpText}
            """);
        root.Add(options.Server);
        root.Add(options.Token);
        root.Add(options.DataDir);
        root.Add(options.Timeout);
        root.Add(PluginCommands.Create(runner));
        root.Add(SourceCommands.Create(runner));
        root.Add(FileCommands.Create(runner));
        root.Add(SecretCommands.Create(runner));
        foreach (var command in HistoryCommands.Create(runner)) root.Add(command);
        root.Add(StatusCommand.Create(runner));
        root.Add(ValidateCommand.Create(runner));
        root.Add(DraftCommands.Create(runner));
        root.Add(PlanCommand.Create(runner));
        root.Add(RollbackCommand.Create(runner));
        return root;
    }
}
