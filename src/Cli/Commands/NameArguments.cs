using System.CommandLine.Parsing;
using GitOps.Reconciler.Configuration;

namespace GitOps.Cli.Commands;

/// <summary>The plugin, source id and file name arguments, checked with the server's rules before any request: a name
/// no resource can have is refused here in the user's own spelling, never sent escaped into a URL (where the server
/// could only echo it back percent-encoded, e.g. <c>a%2Fb.yaml</c>).</summary>
internal static class NameArguments
{
    public static Argument<string> Plugin(string description = "Plugin name") =>
        new("plugin") { Description = description, Validators = { result => Check(result, PluginProblem) } };

    public static Argument<string> SourceId() =>
        new("id") { Description = "Source id", Validators = { result => Check(result, SourceIdProblem) } };

    public static Argument<string> FileName() =>
        new("name") { Description = "File name in the plugin folder, e.g. organization-models.yaml", Validators = { result => Check(result, FileNameProblem) } };

    public static Argument<string> Sha(string description) =>
        new("sha") { Description = description, Validators = { result => Check(result, ShaProblem) } };

    public static string? ShaProblem(string sha) => Http.CommitSha.IsValid(sha) ? null
        : $"'{sha}' is not a commit sha: 4 to 40 hex characters (see gitops history)";

    public static string? PluginProblem(string name) => PluginName.IsValid(name) ? null
        : $"'{name}' is not a plugin name: plugin names are DNS labels ([a-z0-9]([-a-z0-9]*[a-z0-9])?, at most {PluginName.MaxLength} characters)";

    public static string? SourceIdProblem(string id) => PluginName.IsValidSourceId(id) ? null
        : $"'{id}' is not a source id: ids are 1 to 128 letters, digits, '_', '.' or '-'";

    public static string? FileNameProblem(string name) =>
        name.Length == 0 ? "a file name is required"
        : name.IndexOfAny(['/', '\\']) >= 0 ? $"'{name}' is not a file name in a plugin folder: plugin folders are flat (no '/' or '\\')"
        : name is "." or ".." ? $"'{name}' is not a file name"
        : null;

    private static void Check(ArgumentResult result, Func<string, string?> problem)
    {
        foreach (var token in result.Tokens)
            if (problem(token.Value) is { } message) result.AddError(message);
    }
}
