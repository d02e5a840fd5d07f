using System.CommandLine;
using GitOps.Cli.Http;

namespace GitOps.Cli.Commands;

/// <summary>What a command's body gets: the parse result, the resolved context and a client for the server.</summary>
internal sealed record ApiCall(ParseResult Parse, CliContext Context, ApiClient Client)
{
    public Mutation Mutation => new(Context, Client);

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    /// <summary>Prints a failed answer and returns its exit code; use for reads.</summary>
    public int Fail(ApiResponse response) => ProblemReport.Print(response, Context.Error);
}
