namespace GitOps.Cli.Http;

/// <summary>The compare-and-swap flow of every mutating command: read the head (ETag) from a resource, send the change
/// with <c>If-Match</c>, and report a 409 as a conflict. With <c>--if-match</c> the read is skipped and that value is sent.</summary>
internal sealed class Mutation(CliContext context, ApiClient client)
{
    /// <param name="readPath">A resource whose ETag is the head to apply on (reading it also checks it exists).</param>
    /// <param name="send">Sends the change with the given If-Match value.</param>
    /// <param name="onSuccess">Prints the result of a 2xx answer and returns the exit code.</param>
    public async Task<int> RunAsync(string readPath, Func<string, Task<ApiResponse>> send, Func<ApiResponse, int> onSuccess, CancellationToken cancellationToken)
    {
        var ifMatch = context.IfMatch;
        if (ifMatch is null)
        {
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
        if (response.Status == 409)
            return await ConflictReport.PrintAsync(client, response, ifMatch == "*" ? null : ifMatch, context.Error, cancellationToken);
        if (!response.IsSuccess) return ProblemReport.Print(response, context.Error);
        return onSuccess(response);
    }
}
