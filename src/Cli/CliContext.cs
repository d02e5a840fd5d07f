namespace GitOps.Cli;

/// <summary>What one command needs: the console, the resolved server and token, the output format and the change options.</summary>
internal sealed class CliContext
{
    private CliContext(CliConsole console, Uri server, string? token, TimeSpan timeout, OutputFormat format, string? reason, string? ifMatch, string? draft)
    {
        Console = console;
        Server = server;
        Token = token;
        Timeout = timeout;
        Format = format;
        Reason = reason;
        IfMatch = ifMatch;
        Draft = draft;
    }

    public CliConsole Console { get; }

    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public Uri Server { get; }

    public string? Token { get; }

    public TimeSpan Timeout { get; }

    public OutputFormat Format { get; }

    public string? Reason { get; }

    public string? IfMatch { get; }

    /// <summary>The draft a change is made on (<c>--draft</c>), or null for the tracked branch.</summary>
    public string? Draft { get; }

    public Renderer Renderer => new(Out, Format);

    /// <summary>Resolves the settings in order: option, environment variable, default. Null (after printing why) when unusable.</summary>
    public static CliContext? Create(ParseResult parse, CommonOptions options, CliConsole console)
    {
        var serverText = parse.GetValue(options.Server) ?? console.Variable("GITOPS_SERVER") ?? CommonOptions.DefaultServer;
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            console.Error.WriteLine($"error: --server '{serverText}' is not an http or https address");
            return null;
        }
        var seconds = parse.GetValue(options.Timeout);
        if (seconds <= 0)
        {
            console.Error.WriteLine("error: --timeout must be a positive number of seconds");
            return null;
        }
        var reason = parse.GetResult(options.Reason) is null ? null : parse.GetValue(options.Reason);
        if (reason is not null && reason.Any(char.IsControl))
        {
            console.Error.WriteLine("error: --reason must be one line (no control characters)");
            return null;
        }
        var ifMatch = parse.GetResult(options.IfMatch) is null ? null : parse.GetValue(options.IfMatch);
        var draft = parse.GetResult(options.Draft) is null ? null : parse.GetValue(options.Draft);
        if (draft is not null && Commands.DraftPaths.NameProblem(draft) is { } problem)
        {
            console.Error.WriteLine($"error: --draft {problem}");
            return null;
        }
        var format = parse.GetResult(options.Format) is null ? OutputFormat.Table : parse.GetValue(options.Format);
        return new CliContext(console, server, TokenSource.Resolve(parse, options, console), TimeSpan.FromSeconds(seconds), format, reason, ifMatch, draft);
    }

    public ApiClient CreateClient() => new(Server, Token, Timeout) { Draft = Draft };
}
