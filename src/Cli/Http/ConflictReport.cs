namespace GitOps.Cli.Http;

/// <summary>Explains a 409: which head the command expected, which head is current, and the latest commit.</summary>
internal static class ConflictReport
{
    /// <param name="draft">The draft the change was made on (its head moved, not the tracked branch's), or null.</param>
    public static async Task<int> PrintAsync(ApiClient client, ApiResponse response, string? expected, TextWriter error, CancellationToken cancellationToken, string? draft = null)
    {
        var problem = response.Json();
        var from = ProblemReport.Text(problem, "expectedHead") ?? expected ?? "?";
        var to = ProblemReport.Text(problem, "currentHead") ?? ProblemReport.Text(problem, "draftHead") ?? response.Head ?? "?";
        var what = draft is null ? "the configuration" : $"draft {draft}";
        error.WriteLine($"error: {what} changed since it was read: head moved from {Short(from)} to {Short(to)}; re-run to apply on the new head");
        if (draft is not null) return ExitCode.Conflict;
        var latest = await LatestCommitAsync(client, cancellationToken);
        if (latest is not null) error.WriteLine($"latest commit: {latest}");
        return ExitCode.Conflict;
    }

    private static async Task<string?> LatestCommitAsync(ApiClient client, CancellationToken cancellationToken)
    {
        try
        {
            var history = await client.GetAsync("history?limit=1", cancellationToken);
            if (!history.IsSuccess || history.Json() is not JsonArray { Count: > 0 } entries) return null;
            var entry = entries[0];
            var sha = ProblemReport.Text(entry, "sha") ?? "";
            var summary = ProblemReport.Text(entry, "summary") ?? "";
            var author = ProblemReport.Text(entry?["author"], "name");
            var time = ProblemReport.Text(entry, "time");
            return $"{Short(sha)} {summary}{(author is null ? "" : $" (by {author}{(time is null ? "" : $", {time}")})")}";
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
