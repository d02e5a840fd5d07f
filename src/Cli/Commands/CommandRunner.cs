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

    /// <summary><c>list &lt;plugin&gt;</c>: one of a plugin's collections (<c>plugins/{plugin}/{collection}</c>) as a table.</summary>
    public Command PluginTable(string description, string collection, IReadOnlyList<TableColumn> columns)
    {
        var plugin = NameArguments.Plugin();
        var list = options.WithFormat(new Command("list", description) { plugin });
        Table(list, call => $"plugins/{ApiClient.Segment(call.Value(plugin))}/{collection}", columns);
        return list;
    }

    /// <summary>A read listing things: GET the path, print its items as a table (or the document in json/yaml).</summary>
    public void Table(Command command, Func<ApiCall, string> path, IReadOnlyList<TableColumn> columns) =>
        Read(command, path, (renderer, document) => renderer.Table(document, columns));

    /// <summary>A read showing one thing: GET the path, print it with <paramref name="write"/> (or the document in json/yaml).</summary>
    public void Show(Command command, Func<ApiCall, string> path, Action<TextWriter, JsonNode?> write) =>
        Read(command, path, (renderer, document) => renderer.Write(document, write));

    private void Read(Command command, Func<ApiCall, string> path, Action<Renderer, JsonNode?> render) =>
        Api(command, async (call, ct) =>
        {
            var response = await call.Client.GetAsync(path(call), ct);
            if (!response.IsSuccess) return call.Fail(response);
            render(call.Context.Renderer, response.Json());
            return ExitCode.Ok;
        });
}
