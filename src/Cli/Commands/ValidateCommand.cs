using GitOps.Cli.Validation;
using GitOps.Reconciler.Configuration;

namespace GitOps.Cli.Commands;

/// <summary><c>gitops validate &lt;dir&gt;</c>: offline, the server's own validator over a config repository checkout.
/// Errors are printed as <c>file:line:column: field: message</c>, one per line, exit 1.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var directory = new Argument<string>("dir") { Description = "A config repository checkout (the folder holding plugins/)" };
        var command = runner.Options.WithFormat(new Command("validate", "Validate a config repository directory offline, with the same validator as the server") { directory });
        command.SetAction(parse =>
        {
            var console = runner.Console;
            var root = parse.GetValue(directory)!;
            var format = parse.GetValue(runner.Options.Format);
            if (!Directory.Exists(Path.Combine(root, SnapshotBuilder.PluginsFolder)))
            {
                console.Error.WriteLine($"error: {root} has no {SnapshotBuilder.PluginsFolder}/ folder; give the root of a config repository");
                return ExitCode.Invalid;
            }
            IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files;
            try
            {
                files = ConfigDirectory.Read(root);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: cannot read {root}: {ex.Message}");
                return ExitCode.Invalid;
            }
            var renderer = new Renderer(console.Out, format);
            switch (new SnapshotBuilder().Build(files))
            {
                case SnapshotResult.Valid valid:
                    renderer.Write(Summary(valid.Snapshot), (output, _) => WriteSummary(output, valid.Snapshot));
                    return ExitCode.Ok;
                case SnapshotResult.Invalid invalid:
                    renderer.Write(Errors(invalid), (output, _) =>
                    {
                        foreach (var error in invalid.Errors) output.WriteLine(error.ToString());
                    });
                    console.Error.WriteLine($"invalid: {invalid.Errors.Length} error{(invalid.Errors.Length == 1 ? "" : "s")} in {root}");
                    return ExitCode.Invalid;
                default:
                    return ExitCode.Invalid;
            }
        });
        return command;
    }

    private static void WriteSummary(TextWriter output, ConfigSnapshot snapshot)
    {
        TableWriter.Write(output, [TableColumn.Path("PLUGIN", "name"), TableColumn.Path("SOURCES", "sources"), TableColumn.Path("ENABLED", "enabled"), TableColumn.Path("FILES", "files"), TableColumn.Path("HASH", "hash")],
            [.. snapshot.Plugins.Values.Select(PluginSummary)]);
        var sources = snapshot.Plugins.Values.Sum(p => p.Sources.Length);
        output.WriteLine($"valid: {snapshot.Plugins.Count} plugin{(snapshot.Plugins.Count == 1 ? "" : "s")}, {sources} source{(sources == 1 ? "" : "s")}, snapshot hash {snapshot.Hash}");
    }

    private static JsonObject Summary(ConfigSnapshot snapshot) => new()
    {
        ["valid"] = true,
        ["snapshotHash"] = snapshot.Hash,
        ["plugins"] = new JsonArray([.. snapshot.Plugins.Values.Select(p => (JsonNode)PluginSummary(p))]),
    };

    private static JsonObject PluginSummary(PluginSnapshot plugin) => new()
    {
        ["name"] = plugin.Name,
        ["sources"] = plugin.Sources.Length,
        ["enabled"] = plugin.Sources.Count(s => s.Enabled),
        ["files"] = plugin.Files.Count,
        ["hash"] = plugin.Hash,
        ["migratedFrom"] = plugin.MigratedFrom,
    };

    private static JsonObject Errors(SnapshotResult.Invalid invalid) => new()
    {
        ["valid"] = false,
        ["errors"] = new JsonArray([.. invalid.Errors.Select(e => (JsonNode)new JsonObject
        {
            ["file"] = e.File,
            ["line"] = e.Line,
            ["column"] = e.Column,
            ["field"] = e.Field,
            ["message"] = e.Message,
        })]),
    };
}
