using System.Text.Json.Nodes;

namespace GitOps.Cli.Http;

/// <summary>Prints a failed answer as <c>error: &lt;title&gt;: &lt;detail&gt;</c> plus one line per validation error,
/// and maps its status to the documented exit code.</summary>
internal static class ProblemReport
{
    public static int Print(ApiResponse response, TextWriter error)
    {
        var problem = response.Json() as JsonObject;
        var title = Text(problem, "title");
        var detail = Text(problem, "detail");
        if (title is null && detail is null)
        {
            error.WriteLine($"error: the server answered HTTP {response.Status}{(response.Body.Length > 0 && response.Body.Length <= 200 && !response.IsJson ? ": " + response.Body.Trim() : "")}");
        }
        else
        {
            error.WriteLine(detail is null || detail == title ? $"error: {title ?? $"HTTP {response.Status}"}" : $"error: {title ?? $"HTTP {response.Status}"}: {detail}");
        }
        if (problem?["errors"] is JsonArray errors)
        {
            foreach (var item in errors) error.WriteLine("  " + FormatError(item));
        }
        if (response.Status is 401) error.WriteLine("hint: pass a valid token with --token or GITOPS_TOKEN (or --data-dir for the embedded default's admin.token)");
        if (response.Status is 403) error.WriteLine("hint: the token's role does not allow this; ask for an operator or admin token");
        if (response.Status is 429 && problem?["retryAfterSeconds"] is JsonNode retry) error.WriteLine($"hint: retry after {retry} s");
        return ExitCodeFor(response.Status);
    }

    public static int ExitCodeFor(int status) => status switch
    {
        409 => ExitCode.Conflict,
        401 or 403 => ExitCode.Auth,
        429 or >= 500 => ExitCode.Server,
        _ => ExitCode.Invalid,
    };

    /// <summary><c>file:line:column: field: message</c>, the same shape <c>gitops validate</c> prints.</summary>
    public static string FormatError(JsonNode? item)
    {
        if (item is not JsonObject error) return item?.ToJsonString() ?? "";
        var file = Text(error, "file") ?? "";
        var line = Text(error, "line") ?? "0";
        var column = Text(error, "column") ?? "0";
        var field = Text(error, "field");
        var message = Text(error, "message") ?? "";
        return $"{file}:{line}:{column}: {(string.IsNullOrEmpty(field) ? "" : field + ": ")}{message}";
    }

    public static string? Text(JsonNode? node, string name) => node is JsonObject obj && obj[name] is JsonValue value
        ? value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
        : null;
}
