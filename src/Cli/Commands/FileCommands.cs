using System.Net.Http.Headers;
using System.Text;
using GitOps.Cli.Input;
using GitOps.Reconciler.Configuration;

namespace GitOps.Cli.Commands;

/// <summary><c>gitops files list|get|put|delete</c>: a plugin's catalog files, raw YAML in and out.</summary>
internal static class FileCommands
{
    private static readonly TableColumn[] Columns = [TableColumn.Path("NAME", "name"), TableColumn.Path("SIZE", "size")];

    public static Command Create(CommandRunner runner)
    {
        var options = runner.Options;
        var files = new Command("files", "Read and write a plugin's files (raw YAML, validated by the server before commit)");

        var getPlugin = PluginArgument();
        var getName = NameArgument();
        var getOut = new Option<string?>("--out-file") { Description = "Write the file here instead of to standard output", HelpName = "path" };
        var get = options.WithFormat(new Command("get", "Print a file's raw YAML (-o json: parsed to JSON), or write it with --out-file <path>") { getPlugin, getName, getOut });
        runner.Api(get, async (call, ct) =>
        {
            var (plugin, name) = (call.Value(getPlugin), call.Value(getName));
            var response = await call.Client.GetAsync(FilePath(plugin, name), ct);
            if (!response.IsSuccess) return call.Fail(response);
            var text = response.Body;
            if (call.Context.Format == OutputFormat.Json)
            {
                switch (DocumentFile.Parse(name, Encoding.UTF8.GetBytes(text), YamlLimits.Default))
                {
                    case DocumentResult.Parsed parsed:
                        text = parsed.Document.ToJsonString(Renderer.Indented) + "\n";
                        break;
                    case DocumentResult.Failed failed:
                        call.Context.Error.WriteLine($"error: {plugin}/{name} cannot be shown as JSON: {failed.Message}");
                        return ExitCode.Invalid;
                }
            }
            if (call.Parse.GetValue(getOut) is not { } target)
            {
                await call.Context.Out.WriteAsync(text);
                return ExitCode.Ok;
            }
            try
            {
                await File.WriteAllTextAsync(target, text, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                call.Context.Error.WriteLine($"error: cannot write {target}: {ex.Message}");
                return ExitCode.Invalid;
            }
            call.Context.Error.WriteLine($"wrote {plugin}/{name} to {target}");
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
            return await call.ChangeAsync(
                PluginPath(plugin),
                ifMatch =>
                {
                    var body = new ByteArrayContent(content);
                    body.Headers.ContentType = new MediaTypeHeaderValue(ApiClient.YamlMediaType);
                    return call.Client.SendAsync(HttpMethod.Put, FilePath(plugin, name), body, ifMatch, call.Context.Reason, ct);
                },
                $"wrote {plugin}/{name}", $"{plugin}/{name} already has this content", ct);
        });

        var deletePlugin = PluginArgument();
        var deleteName = NameArgument();
        var delete = options.Mutating(new Command("delete", "Delete a file") { deletePlugin, deleteName });
        runner.Api(delete, async (call, ct) =>
        {
            var (plugin, name) = (call.Value(deletePlugin), call.Value(deleteName));
            var path = FilePath(plugin, name);
            return await call.DeleteAsync(path, path, $"deleted {plugin}/{name}", $"{plugin}/{name} does not exist", ct);
        });

        files.Add(runner.PluginTable("List a plugin's files", "files", Columns));
        files.Add(get);
        files.Add(put);
        files.Add(delete);
        return files;
    }

    private static Argument<string> PluginArgument() => NameArguments.Plugin();

    private static Argument<string> NameArgument() => NameArguments.FileName();

    private static string PluginPath(string plugin) => $"plugins/{ApiClient.Segment(plugin)}";

    private static string FilePath(string plugin, string name) => $"{PluginPath(plugin)}/files/{ApiClient.Segment(name)}";
}
