using System.CommandLine;
using System.Net.Http.Headers;
using GitOps.Cli.Http;
using GitOps.Cli.Output;

namespace GitOps.Cli.Commands;

/// <summary><c>gitops files list|get|put|delete</c>: a plugin's catalog files, raw YAML in and out.</summary>
internal static class FileCommands
{
    private static readonly TableColumn[] Columns = [TableColumn.Path("NAME", "name"), TableColumn.Path("SIZE", "size")];

    public static Command Create(CommandRunner runner)
    {
        var options = runner.Options;
        var files = new Command("files", "Read and write a plugin's files (raw YAML, validated by the server before commit)");

        var listPlugin = PluginArgument();
        var list = options.WithFormat(new Command("list", "List a plugin's files") { listPlugin });
        runner.Api(list, async (call, ct) =>
        {
            var response = await call.Client.GetAsync($"{PluginPath(call.Value(listPlugin))}/files", ct);
            if (!response.IsSuccess) return call.Fail(response);
            call.Context.Renderer.Table(response.Json(), Columns);
            return ExitCode.Ok;
        });

        var getPlugin = PluginArgument();
        var getName = NameArgument();
        var getOut = new Option<string?>("--output", "-o") { Description = "Write the file here instead of to standard output", HelpName = "file" };
        var get = new Command("get", "Print a file's raw YAML (or write it with -o <file>)") { getPlugin, getName, getOut };
        runner.Api(get, async (call, ct) =>
        {
            var response = await call.Client.GetAsync(FilePath(call.Value(getPlugin), call.Value(getName)), ct);
            if (!response.IsSuccess) return call.Fail(response);
            if (call.Parse.GetValue(getOut) is { } target)
            {
                try
                {
                    await File.WriteAllTextAsync(target, response.Body, ct);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    call.Context.Error.WriteLine($"error: cannot write {target}: {ex.Message}");
                    return ExitCode.Invalid;
                }
            }
            else
            {
                await call.Context.Out.WriteAsync(response.Body);
            }
            return ExitCode.Ok;
        });

        var putPlugin = PluginArgument();
        var putName = NameArgument();
        var putFile = new Option<string>("--file", "-f") { Description = "The local file to upload", Required = true };
        var put = options.Mutating(new Command("put", "Create or replace a file from a local file") { putPlugin, putName, putFile });
        runner.Api(put, async (call, ct) =>
        {
            var (plugin, name, local) = (call.Value(putPlugin), call.Value(putName), call.Value(putFile));
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(local, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                call.Context.Error.WriteLine($"error: cannot read {local}: {ex.Message}");
                return ExitCode.Invalid;
            }
            return await call.Mutation.RunAsync(
                PluginPath(plugin),
                ifMatch =>
                {
                    var body = new ByteArrayContent(content);
                    body.Headers.ContentType = new MediaTypeHeaderValue(ApiClient.YamlMediaType);
                    return call.Client.SendAsync(HttpMethod.Put, FilePath(plugin, name), body, ifMatch, call.Context.Reason, ct);
                },
                response => MutationResult.Print(call, response, $"wrote {plugin}/{name}"),
                ct);
        });

        var deletePlugin = PluginArgument();
        var deleteName = NameArgument();
        var delete = options.Mutating(new Command("delete", "Delete a file") { deletePlugin, deleteName });
        runner.Api(delete, async (call, ct) =>
        {
            var (plugin, name) = (call.Value(deletePlugin), call.Value(deleteName));
            var path = FilePath(plugin, name);
            return await call.Mutation.RunAsync(
                path,
                ifMatch => call.Client.SendAsync(HttpMethod.Delete, path, null, ifMatch, call.Context.Reason, ct),
                response => MutationResult.Print(call, response, $"deleted {plugin}/{name}"),
                ct);
        });

        files.Add(list);
        files.Add(get);
        files.Add(put);
        files.Add(delete);
        return files;
    }

    private static Argument<string> PluginArgument() => new("plugin") { Description = "Plugin name" };

    private static Argument<string> NameArgument() => new("name") { Description = "File name in the plugin folder, e.g. organization-models.yaml" };

    private static string PluginPath(string plugin) => $"plugins/{ApiClient.Segment(plugin)}";

    private static string FilePath(string plugin, string name) => $"{PluginPath(plugin)}/files/{ApiClient.Segment(name)}";
}
