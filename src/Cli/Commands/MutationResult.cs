using System.Text.Json.Nodes;
using GitOps.Cli.Http;
using GitOps.Cli.Output;

namespace GitOps.Cli.Commands;

/// <summary>Prints what a successful change did: one sentence with the new head for people, the server's answer
/// (or <c>{ "head": … }</c> when it sent no body) for scripts.</summary>
internal static class MutationResult
{
    public static int Print(ApiCall call, ApiResponse response, string done)
    {
        var head = response.Head;
        var document = response.Json() ?? new JsonObject();
        if (document is JsonObject obj && head is not null && !obj.ContainsKey("head")) obj["head"] = head;
        call.Context.Renderer.Write(document, (output, _) =>
        {
            if (response.Status == 202 && ProblemReport.Text(document, "url") is { } url)
                output.WriteLine($"{done}: proposed as a pull request {url}");
            else
                output.WriteLine(head is null ? done : $"{done} (head {ConflictReport.Short(head)})");
        });
        return ExitCode.Ok;
    }
}
