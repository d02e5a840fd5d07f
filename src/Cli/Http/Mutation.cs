namespace GitOps.Cli.Http;

/// <summary>The compare-and-swap flow of every mutating command: read the head (ETag) from a resource, send the change
/// with <c>If-Match</c>, and report a 409 as a conflict. With <c>--if-match</c> the read is skipped and that value is sent
/// (an abbreviated sha is first resolved to the full one). With <c>--draft</c> the head read is the draft's own (its ETag).</summary>
internal sealed class Mutation(CliContext context, ApiClient client)
{
    /// <param name="readPath">A resource whose ETag is the head to apply on (reading it also checks it exists).</param>
    /// <param name="send">Sends the change with the given If-Match value.</param>
    /// <param name="onSuccess">Prints the result of a 2xx answer (and whether it wrote a commit) and returns the exit code.</param>
    public async Task<int> RunAsync(string readPath, Func<string, Task<ApiResponse>> send, Func<ApiResponse, bool, int> onSuccess, CancellationToken cancellationToken)
    {
        var ifMatch = context.IfMatch;
        if (ifMatch is not null)
        {
            var resolved = await ResolveIfMatchAsync(ifMatch, cancellationToken);
            if (resolved.ExitCode is { } failed) return failed;
            ifMatch = resolved.Head!;
        }
        else
        {
            if (context.Draft is { } draft) readPath = Commands.DraftPaths.Draft(draft);
            var read = await client.GetAsync(readPath, cancellationToken);
            if (!read.IsSuccess) return ProblemReport.Print(read, context.Error);
            if (read.Head is null)
            {
                // Without the head there is no compare-and-swap; refuse rather than overwrite blindly.
                context.Error.WriteLine($"error: the server sent no ETag for {readPath}; pass --if-match <sha> or --if-match '*'");
                return ExitCode.Server;
            }
            ifMatch = read.Head;
        }
        var response = await send(ifMatch);
        if (response.Status == 409 && IsHeadMoved(response))
            return await ConflictReport.PrintAsync(client, response, ifMatch == "*" ? null : ifMatch, context.Error, cancellationToken, context.Draft);
        if (!response.IsSuccess) return ProblemReport.Print(response, context.Error);
        return onSuccess(response, Committed(response, ifMatch));
    }

    /// <summary>Whether the change wrote a commit: the server says so; an older server is asked by its head, which
    /// moves on every commit.</summary>
    private static bool Committed(ApiResponse response, string ifMatch) => response.Outcome?.Trim().ToLowerInvariant() switch
    {
        "unchanged" => false,
        "committed" => true,
        _ => response.Status == 202 || ifMatch == "*" || response.Head is null || !string.Equals(response.Head, ifMatch, StringComparison.OrdinalIgnoreCase),
    };

    private static bool IsHeadMoved(ApiResponse response) =>
        ProblemReport.Text(response.Json(), "type") is not { } type || ProblemReport.IsHeadMoved(type);

    /// <summary><c>*</c>, a full sha, or an abbreviated one the server resolves to a full sha (If-Match compares full
    /// shas: an abbreviation sent as it is would never match).</summary>
    private async Task<(string? Head, int? ExitCode)> ResolveIfMatchAsync(string value, CancellationToken cancellationToken)
    {
        var sha = value.Trim().Trim('"');
        if (sha == "*") return (sha, null);
        if (!CommitSha.IsValid(sha))
        {
            context.Error.WriteLine($"error: --if-match '{value}' is not a commit sha (4 to 40 hex characters) or '*'");
            return (null, ExitCode.Invalid);
        }
        if (sha.Length == CommitSha.FullLength) return (sha.ToLowerInvariant(), null);
        var commit = await client.GetAsync($"history/{ApiClient.Segment(sha)}", cancellationToken);
        if (commit.Status == 404)
        {
            context.Error.WriteLine($"error: --if-match {sha}: no commit has this sha; give the head from 'gitops status' or an ETag");
            return (null, ExitCode.Invalid);
        }
        if (!commit.IsSuccess) return (null, ProblemReport.Print(commit, context.Error));
        if (ProblemReport.Text(commit.Json(), "sha") is not { Length: CommitSha.FullLength } full)
        {
            context.Error.WriteLine($"error: --if-match {sha}: the server did not name the full sha of this commit; pass all {CommitSha.FullLength} characters");
            return (null, ExitCode.Server);
        }
        return (full, null);
    }
}
