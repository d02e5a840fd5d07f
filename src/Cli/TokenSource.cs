namespace GitOps.Cli;

/// <summary>Finds the bearer token: <c>--token</c>, then <c>GITOPS_TOKEN</c>, then the embedded default's
/// <c>admin.token</c> in <c>--data-dir</c> / <c>GITOPS_DATA_DIR</c> / <c>./.gitops</c>. The token is never printed.</summary>
internal static class TokenSource
{
    public const string TokenFileName = "admin.token";

    public static string? Resolve(ParseResult parse, CommonOptions options, CliConsole console)
    {
        var explicitToken = parse.GetValue(options.Token) ?? console.Variable("GITOPS_TOKEN");
        if (explicitToken is not null) return explicitToken.Trim();
        var dataDir = parse.GetValue(options.DataDir) ?? console.Variable("GITOPS_DATA_DIR") ?? ".gitops";
        var file = Path.Combine(dataDir, TokenFileName);
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
