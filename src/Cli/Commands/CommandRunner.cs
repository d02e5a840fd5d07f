using System.CommandLine;

namespace GitOps.Cli.Commands;

/// <summary>Binds command bodies to System.CommandLine actions: resolves the context, owns the HTTP client and
/// turns transport failures into exit code 4 with a message that names the server (never the token).</summary>
internal sealed class CommandRunner(CommonOptions options, CliConsole console)
{
    public CommonOptions Options => options;

    public CliConsole Console => console;

    public void Api(Command command, Func<ApiCall, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = CliContext.Create(parse, options, console);
            if (context is null) return ExitCode.Invalid;
            using var client = context.CreateClient();
            try
            {
                return await body(new ApiCall(parse, context, client), cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                console.Error.WriteLine($"error: cannot reach the server at {context.Server}: {ex.Message}");
                return ExitCode.Server;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                console.Error.WriteLine($"error: the server at {context.Server} did not answer within {context.Timeout.TotalSeconds:0} s");
                return ExitCode.Server;
            }
        });
}
