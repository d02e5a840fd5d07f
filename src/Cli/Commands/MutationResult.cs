namespace GitOps.Cli.Commands;

/// <summary>Prints what a successful change did: one sentence with the new head for people, the server's answer
/// (or <c>{ "head": … }</c> when it sent no body) with <c>changed</c> for scripts. A change that found the
/// configuration already as asked says "nothing to change" and exits <see cref="ExitCode.NothingToChange"/>.</summary>
internal static class MutationResult
{
    /// <param name="done">What a commit did, e.g. "disabled source models/a".</param>
    /// <param name="unchanged">Why nothing was written, e.g. "source models/a is already disabled".</param>
    public static int Print(ApiCall call, ApiResponse response, bool committed, string done, string unchanged)
    {
        var head = response.Head;
        var document = response.Json() ?? new JsonObject();
        if (document is JsonObject obj)
        {
            if (head is not null && !obj.ContainsKey("head")) obj["head"] = head;
            if (!obj.ContainsKey("changed")) obj["changed"] = committed;
        }
        call.Context.Renderer.Write(document, (output, _) =>
        {
            var at = head is null ? "" : $" (head {ConflictReport.Short(head)})";
            if (!committed)
                output.WriteLine($"nothing to change: {unchanged}; no commit was written{at}");
            else if (response.Status == 202 && ProblemReport.Text(document, "url") is { } url)
                output.WriteLine($"{done}: proposed as a pull request {url}");
            else
                output.WriteLine($"{done}{at}");
        });
        return committed ? ExitCode.Ok : ExitCode.NothingToChange;
    }
}
