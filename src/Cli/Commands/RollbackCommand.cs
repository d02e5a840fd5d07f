namespace GitOps.Cli.Commands;

/// <summary><c>gitops rollback &lt;plugin&gt; &lt;sha&gt;</c>: one new commit that restores the plugin's folder as it was at
/// that commit (<c>POST /plugins/{plugin}:rollback</c>, docs/DRAFTS.md).</summary>
internal static class RollbackCommand
{
    public static Command Create(CommandRunner runner)
    {
        var plugin = NameArguments.Plugin();
        var sha = NameArguments.Sha("The commit to roll the plugin back to (full sha, or abbreviated to at least 4 characters; see gitops history --plugin)");
        var command = runner.Options.Mutating(new Command("rollback", "Write a new commit that restores a plugin's folder as it was at the given commit; other plugins are untouched") { plugin, sha });
        runner.Api(command, async (call, ct) =>
        {
            var name = call.Value(plugin);
            var target = call.Value(sha);
            var path = $"plugins/{ApiClient.Segment(name)}";
            return await call.ChangeAsync(
                $"{path}/versions?limit=1", // exists for a plugin deleted since, too
                ifMatch => call.Client.SendJsonAsync(HttpMethod.Post, $"{path}:rollback", new JsonObject { ["to"] = target }, ifMatch, call.Context.Reason, ct),
                response => $"rolled {name} back to {ConflictReport.Short(JsonText.At(response.Json(), "to"))}",
                $"{name} is already as it was at {ConflictReport.Short(target)}", ct);
        });
        return command;
    }
}
