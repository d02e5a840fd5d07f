namespace GitOps.Cli.Commands;

/// <summary><c>gitops sources list|get|add|update|enable|disable|delete|test</c>.</summary>
internal static class SourceCommands
{
    public static readonly TableColumn[] Columns = TableColumn.Paths("ID:id,NAME:name,TYPE:type,ENABLED:enabled,STATE:status.state,ENTITIES:status.entityCount");

    public static Command Create(CommandRunner runner)
    {
        var options = runner.Options;
        var sources = new Command("sources", "List, inspect and change a plugin's sources");

        var list = runner.PluginTable("List a plugin's sources with their status", "sources", Columns);

        var getPlugin = PluginArgument();
        var getId = IdArgument();
        var get = options.WithFormat(new Command("get", "Show one source with its status") { getPlugin, getId });
        runner.Show(get, call => SourcePath(call.Value(getPlugin), call.Value(getId)), WriteDetail);

        var addPlugin = PluginArgument();
        var addFile = FileOption();
        var add = options.Mutating(new Command("add", "Add a source from a YAML or JSON file") { addPlugin, addFile });
        runner.Api(add, async (call, ct) =>
        {
            var plugin = call.Value(addPlugin);
            if (InputDocument.ReadObject(call, call.Value(addFile), "a source") is not { } body) return ExitCode.Invalid;
            var id = JsonText.At(body, "id");
            return await call.ChangeAsync(
                PluginPath(plugin),
                ifMatch => call.Client.SendJsonAsync(HttpMethod.Post, $"{PluginPath(plugin)}/sources", body, ifMatch, call.Context.Reason, ct),
                $"added source {plugin}/{id}", $"source {plugin}/{id} already is as in the file", ct);
        });

        var updatePlugin = PluginArgument();
        var updateId = new Argument<string?>("id") { Description = "Source id (default: the id in the file)", Arity = ArgumentArity.ZeroOrOne };
        var updateFile = FileOption();
        var update = options.Mutating(new Command("update", "Replace a source with the one in a YAML or JSON file") { updatePlugin, updateId, updateFile });
        runner.Api(update, async (call, ct) =>
        {
            var plugin = call.Value(updatePlugin);
            if (InputDocument.ReadObject(call, call.Value(updateFile), "a source") is not { } body) return ExitCode.Invalid;
            var id = call.Parse.GetValue(updateId) ?? (body["id"] is JsonValue ? JsonText.At(body, "id") : null);
            if (string.IsNullOrEmpty(id))
            {
                call.Context.Error.WriteLine("error: give the source id as an argument or as 'id' in the file");
                return ExitCode.Invalid;
            }
            if (NameArguments.SourceIdProblem(id) is { } problem)
            {
                call.Context.Error.WriteLine($"error: {problem}");
                return ExitCode.Invalid;
            }
            if (!body.ContainsKey("id")) body["id"] = id;
            var path = SourcePath(plugin, id);
            return await call.ChangeAsync(
                path,
                ifMatch => call.Client.SendJsonAsync(HttpMethod.Put, path, body, ifMatch, call.Context.Reason, ct),
                $"updated source {plugin}/{id}", $"source {plugin}/{id} already is as in the file", ct);
        });

        sources.Add(list);
        sources.Add(get);
        sources.Add(add);
        sources.Add(update);
        sources.Add(Toggle(runner, "enable", enabled: true));
        sources.Add(Toggle(runner, "disable", enabled: false));
        sources.Add(Delete(runner));
        sources.Add(SourceTestCommand.Create(runner));
        return sources;
    }

    private static Command Toggle(CommandRunner runner, string verb, bool enabled)
    {
        var plugin = PluginArgument();
        var id = IdArgument();
        var command = runner.Options.Mutating(new Command(verb, $"{(enabled ? "Enable" : "Disable")} a source (operator role is enough)") { plugin, id });
        runner.Api(command, async (call, ct) =>
        {
            var (name, sourceId) = (call.Value(plugin), call.Value(id));
            var path = SourcePath(name, sourceId);
            var patch = new JsonObject { ["enabled"] = enabled };
            return await call.ChangeAsync(
                path,
                ifMatch => call.Client.SendJsonAsync(HttpMethod.Patch, path, patch, ifMatch, call.Context.Reason, ct, ApiClient.MergePatchMediaType),
                $"{verb}d source {name}/{sourceId}", $"source {name}/{sourceId} is already {verb}d", ct);
        });
        return command;
    }

    private static Command Delete(CommandRunner runner)
    {
        var plugin = PluginArgument();
        var id = IdArgument();
        var command = runner.Options.Mutating(new Command("delete", "Delete a source") { plugin, id });
        runner.Api(command, async (call, ct) =>
        {
            var (name, sourceId) = (call.Value(plugin), call.Value(id));
            var path = SourcePath(name, sourceId);
            return await call.DeleteAsync(path, path, $"deleted source {name}/{sourceId}", $"source {name}/{sourceId} does not exist", ct);
        });
        return command;
    }

    private static void WriteDetail(TextWriter output, JsonNode? source)
    {
        TableWriter.WriteFields(output,
        [
            .. JsonText.Fields(source, "ID:id,Name:name,Type:type,Enabled:enabled,Labels:labels"),
            ("Properties", JsonText.Node(source, "properties")?.ToJsonString() ?? "{}"),
            .. JsonText.Fields(source, "Include:include,Exclude:exclude,Hash:hash,State:status.state,Entities:status.entityCount,"
                + "Last refreshed:status.lastRefreshedAt,Applied hash:status.appliedHash"),
        ]);
        foreach (var diagnostic in JsonItems.Of(JsonText.Node(source, "status.diagnostics")))
        {
            var where = JsonText.At(diagnostic, "file") is { Length: > 0 } file ? $"{file}:{JsonText.At(diagnostic, "line")}: " : "";
            output.WriteLine($"  {JsonText.At(diagnostic, "severity")}: {where}{JsonText.At(diagnostic, "message")}");
        }
    }

    private static Argument<string> PluginArgument() => NameArguments.Plugin();

    private static Argument<string> IdArgument() => NameArguments.SourceId();

    private static Option<string> FileOption() => new("--file", "-f") { Description = "YAML or JSON file with the source", Required = true };

    private static string PluginPath(string plugin) => $"plugins/{ApiClient.Segment(plugin)}";

    private static string SourcePath(string plugin, string id) => $"{PluginPath(plugin)}/sources/{ApiClient.Segment(id)}";
}
