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
        var explained = DraftProblems.Print(problem, error);
        if (response.Status is 401) error.WriteLine("hint: pass a valid token with --token or GITOPS_TOKEN (or --data-dir for the embedded default's admin.token)");
        if (response.Status is 403 && !explained) error.WriteLine("hint: the token's role does not allow this; ask for an operator or admin token");
        if (response.Status is 429 && problem?["retryAfterSeconds"] is JsonNode retry) error.WriteLine($"hint: retry after {retry} s");
        var type = Text(problem, "type");
        if (response.Status is 409 && !IsHeadMoved(type))
            error.WriteLine("hint: nothing was written, and re-running the same command will not help: the change does not fit the current configuration");
        return ExitCodeFor(response.Status, type);
    }

    /// <summary>The problem type of a 409 whose change applies after a re-run (the head moved under it).</summary>
    public const string HeadMovedType = "urn:gitops:problem:head-moved";

    /// <summary>The problem type of a 409 for a stale If-Match on a draft (publish): re-running reads the new head.</summary>
    public const string PreconditionFailedType = "urn:gitops:problem:precondition-failed";

    public static bool IsHeadMoved(string? type) => type is HeadMovedType or PreconditionFailedType;

    /// <summary>Only a head-moved 409 is a conflict a re-run resolves (exit 2); any other 409 (already exists, a revert
    /// whose files changed since) fails the same way every time, so it is a usage error (exit 1).</summary>
    public static int ExitCodeFor(int status, string? type = null) => status switch
    {
        409 when type is not null && !IsHeadMoved(type) => ExitCode.Invalid,
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
