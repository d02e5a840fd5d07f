namespace GitOps.Cli.Commands;

/// <summary>What a command's body gets: the parse result, the resolved context and a client for the server.</summary>
internal sealed record ApiCall(ParseResult Parse, CliContext Context, ApiClient Client)
{
    public Mutation Mutation => new(Context, Client);

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    /// <summary>Prints a failed answer and returns its exit code; use for reads.</summary>
    public int Fail(ApiResponse response) => ProblemReport.Print(response, Context.Error);

    /// <summary>A change: sends it with the head of <paramref name="readPath"/> as If-Match (see <see cref="Http.Mutation"/>)
    /// and prints what it did (<see cref="MutationResult"/>).</summary>
    public Task<int> ChangeAsync(string readPath, Func<string, Task<ApiResponse>> send, string done, string unchanged, CancellationToken cancellationToken) =>
        ChangeAsync(readPath, send, _ => done, unchanged, cancellationToken);

    /// <summary>A change whose sentence is made from the server's answer.</summary>
    public Task<int> ChangeAsync(string readPath, Func<string, Task<ApiResponse>> send, Func<ApiResponse, string> done, string unchanged, CancellationToken cancellationToken) =>
        Mutation.RunAsync(readPath, send, (response, committed) => MutationResult.Print(this, response, committed, done(response) + InDraft, unchanged + InDraft), cancellationToken);

    /// <summary>" in draft &lt;id&gt;" when the change goes to a draft (<c>--draft</c>), else empty.</summary>
    private string InDraft => Context.Draft is { } draft ? $" in draft {draft}" : "";

    /// <summary>A DELETE of <paramref name="path"/> as a change.</summary>
    public Task<int> DeleteAsync(string readPath, string path, string done, string unchanged, CancellationToken cancellationToken) =>
        ChangeAsync(readPath, ifMatch => Client.SendAsync(HttpMethod.Delete, path, null, ifMatch, Context.Reason, cancellationToken), done, unchanged, cancellationToken);
}
