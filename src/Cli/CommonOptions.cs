namespace GitOps.Cli;

/// <summary>The options shared by the commands. One instance per run, because System.CommandLine symbols
/// belong to one command tree.</summary>
internal sealed class CommonOptions
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"Server base address [env: GITOPS_SERVER] [default: {DefaultServer}]",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Bearer token [env: GITOPS_TOKEN] [default: the embedded default's <data-dir>/admin.token]",
        Recursive = true,
    };

    public Option<string?> DataDir { get; } = new("--data-dir")
    {
        Description = "Data directory of the embedded default, where admin.token lives [env: GITOPS_DATA_DIR] [default: ./.gitops]",
        Recursive = true,
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "HTTP timeout in seconds",
        DefaultValueFactory = _ => 30,
        CustomParser = OptionParsers.PositiveInt("--timeout"),
        Recursive = true,
    };

    public Option<OutputFormat> Format { get; } = CreateFormat();

    public Option<string?> Reason { get; } = new("--reason")
    {
        Description = "Why the change is made; becomes the commit body (sent as X-Change-Reason)",
    };

    public Option<string?> IfMatch { get; } = new("--if-match")
    {
        Description = "Apply only if the head is still this sha (or '*' for any head) instead of reading the current head first",
    };

    public Option<string?> Draft { get; } = new("--draft")
    {
        Description = "Make the change on this draft (branch drafts/<id>) instead of the tracked branch; the draft's head is the If-Match",
        HelpName = "id",
    };

    private static Option<OutputFormat> CreateFormat()
    {
        var option = new Option<OutputFormat>("--output", "-o")
        {
            Description = "Output format: table, json or yaml",
            DefaultValueFactory = _ => OutputFormat.Table,
            HelpName = "table|json|yaml",
            CustomParser = OptionParsers.Format,
        };
        return option;
    }

    /// <summary>Adds the output format option to a command that prints a result.</summary>
    public Command WithFormat(Command command)
    {
        command.Add(Format);
        return command;
    }

    /// <summary>Adds the output format, <c>--reason</c>, <c>--if-match</c> and <c>--draft</c> options to a command that commits.</summary>
    public Command Mutating(Command command)
    {
        command.Add(Format);
        command.Add(Reason);
        command.Add(IfMatch);
        command.Add(Draft);
        return command;
    }
}
