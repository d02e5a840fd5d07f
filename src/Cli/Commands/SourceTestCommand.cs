namespace GitOps.Cli.Commands;

/// <summary><c>gitops sources test &lt;plugin&gt; [id] [-f file]</c>: a dry run (<c>POST …/sources:test</c> or
/// <c>…/sources/{id}:test</c>). Nothing is written. A source the server refuses prints its field errors as a write's
/// would (exit 1); a source that loads with errors prints them and exits 1 too.</summary>
internal static class SourceTestCommand
{
    public static Command Create(CommandRunner runner)
    {
        var plugin = NameArguments.Plugin();
        var id = new Argument<string?>("id")
        {
            Description = "An existing source to test as it is, or with the file's fields as overrides (a merge patch)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = new Option<string?>("--file", "-f") { Description = "YAML or JSON file with the source (with an id: the overrides)" };
        var command = runner.Options.WithFormat(new Command("test", "Dry run: load a source and report, writing nothing (operator role)") { plugin, id, file });
        runner.Api(command, async (call, ct) =>
        {
            var sourceId = call.Parse.GetValue(id);
            if (sourceId is not null && NameArguments.SourceIdProblem(sourceId) is { } problem)
            {
                call.Context.Error.WriteLine($"error: {problem}");
                return ExitCode.Invalid;
            }
            JsonObject? body = null;
            if (call.Parse.GetValue(file) is { } path && (body = InputDocument.ReadObject(call, path, "a source")) is null) return ExitCode.Invalid;
            if (sourceId is null && body is null)
            {
                call.Context.Error.WriteLine("error: give the source to test with -f, or the id of an existing source");
                return ExitCode.Invalid;
            }
            var pluginPath = $"plugins/{ApiClient.Segment(call.Value(plugin))}/sources";
            var target = sourceId is null ? $"{pluginPath}:test" : $"{pluginPath}/{ApiClient.Segment(sourceId)}:test";
            var response = body is null
                ? await call.Client.SendAsync(HttpMethod.Post, target, null, null, null, ct)
                : await call.Client.SendJsonAsync(HttpMethod.Post, target, body, null, null, ct,
                    sourceId is null ? "application/json" : ApiClient.MergePatchMediaType);
            if (!response.IsSuccess) return call.Fail(response);
            var result = response.Json();
            call.Context.Renderer.Write(result, WriteResult);
            return JsonText.At(result, "state") == "Error" ? ExitCode.Invalid : ExitCode.Ok;
        });
        return command;
    }

    private static void WriteResult(TextWriter output, JsonNode? result)
    {
        output.WriteLine($"dry run: {JsonText.At(result, "state")}, {JsonText.At(result, "entityCount")} entities; nothing was written");
        if (JsonItems.Of(JsonText.Node(result, "firstEntities")).Select(e => e?.ToString()).ToList() is { Count: > 0 } first)
            output.WriteLine($"first: {string.Join(", ", first)}");
        foreach (var diagnostic in JsonItems.Of(JsonText.Node(result, "diagnostics")))
        {
            var where = JsonText.At(diagnostic, "file") is { Length: > 0 } at ? $"{at}:{JsonText.At(diagnostic, "line")}: " : "";
            output.WriteLine($"  {JsonText.At(diagnostic, "severity")}: {where}{JsonText.At(diagnostic, "message")}");
        }
    }
}
