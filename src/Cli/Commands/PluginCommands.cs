namespace GitOps.Cli.Commands;

/// <summary><c>gitops plugins list|get|create|delete</c> and <c>gitops plugins config set</c>.</summary>
internal static class PluginCommands
{
    public static Command Create(CommandRunner runner)
    {
        var options = runner.Options;
        var plugins = new Command("plugins", "List, inspect, create and delete plugins, and set a plugin's config block");

        var list = options.WithFormat(new Command("list", "List plugins with source counts and status"));
        runner.Table(list, call => "plugins", TableColumn.Paths("NAME:name,SOURCES:sourceCount,ENABLED:enabledCount,READY:status.ready,ERROR:status.error,DRIFT:status.drift"));

        var getName = NameArguments.Plugin();
        var get = options.WithFormat(new Command("get", "Show one plugin: config block, sources and status") { getName });
        runner.Show(get, call => $"plugins/{ApiClient.Segment(call.Value(getName))}", WriteDetail);

        var createName = NameArguments.Plugin("Plugin name (a DNS label)");
        var createFile = new Option<string?>("--file", "-f") { Description = "YAML or JSON file with the plugin's config block (optional)" };
        var create = options.Mutating(new Command("create", "Create a plugin (an empty sources.yaml)") { createName, createFile });
        runner.Api(create, async (call, ct) =>
        {
            var name = call.Value(createName);
            var body = new JsonObject { ["name"] = name };
            if (call.Parse.GetValue(createFile) is { } file)
            {
                if (InputDocument.ReadObject(call, file, "the config block") is not { } config) return ExitCode.Invalid;
                body["config"] = config;
            }
            return await call.ChangeAsync(
                "plugins",
                ifMatch => call.Client.SendJsonAsync(HttpMethod.Post, "plugins", body, ifMatch, call.Context.Reason, ct),
                $"created plugin {name}", $"plugin {name} already exists as asked", ct);
        });

        var deleteName = NameArguments.Plugin();
        var confirmDelete = ConfirmRemoveAll.Option();
        var delete = options.Mutating(new Command("delete", "Delete a plugin and all its files") { deleteName, confirmDelete });
        runner.Api(delete, async (call, ct) =>
        {
            var name = call.Value(deleteName);
            var path = $"plugins/{ApiClient.Segment(name)}";
            return await call.ChangeAsync(
                path,
                ifMatch => call.Client.SendAsync(HttpMethod.Delete, ConfirmRemoveAll.Apply(path, call.Parse.GetValue(confirmDelete)), null, ifMatch, call.Context.Reason, ct),
                $"deleted plugin {name}", $"plugin {name} does not exist", ct);
        });

        plugins.Add(list);
        plugins.Add(get);
        plugins.Add(create);
        plugins.Add(delete);
        plugins.Add(CreateConfig(runner));
        return plugins;
    }

    private static Command CreateConfig(CommandRunner runner)
    {
        var config = new Command("config", "The per-plugin config block");
        var plugin = NameArguments.Plugin();
        var file = new Option<string>("--file", "-f") { Description = "YAML or JSON file with the config mapping", Required = true };
        var set = runner.Options.Mutating(new Command("set", "Replace the plugin's config block") { plugin, file });
        runner.Api(set, async (call, ct) =>
        {
            var name = call.Value(plugin);
            if (InputDocument.ReadObject(call, call.Value(file), "the config block") is not { } body) return ExitCode.Invalid;
            var path = $"plugins/{ApiClient.Segment(name)}";
            return await call.ChangeAsync(
                path,
                ifMatch => call.Client.SendJsonAsync(HttpMethod.Put, $"{path}/config", body, ifMatch, call.Context.Reason, ct),
                $"set the config of plugin {name}", $"the config of plugin {name} already is as in the file", ct);
        });
        config.Add(set);
        return config;
    }

    private static void WriteDetail(TextWriter output, JsonNode? plugin)
    {
        TableWriter.WriteFields(output,
        [
            .. JsonText.Fields(plugin, "Name:name,Hash:hash,Running hash:status.runningHash,Drift:status.drift"),
            ("Config", JsonText.Node(plugin, "config")?.ToJsonString() ?? "{}"),
            ("Files", string.Join(", ", JsonItems.Of(JsonText.Node(plugin, "files")).Select(f => f is JsonObject ? JsonText.At(f, "name") : JsonText.Display(f)))),
        ]);
        output.WriteLine();
        TableWriter.Write(output, SourceCommands.Columns, JsonItems.Of(JsonText.Node(plugin, "sources")));
    }
}
