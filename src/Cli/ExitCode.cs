namespace GitOps.Cli;

/// <summary>The documented process exit codes (docs/CLI.md). Scripts depend on them: never renumber.</summary>
internal static class ExitCode
{
    public const int Ok = 0;

    /// <summary>Bad usage, unreadable input, a resource that does not exist, a configuration the validator refused (422),
    /// or a change that cannot apply to the current configuration however often it is re-run (a revert conflict, already exists).</summary>
    public const int Invalid = 1;

    /// <summary>The configuration changed since it was read (409 head moved): re-running applies on the new head.</summary>
    public const int Conflict = 2;

    /// <summary>No valid token (401) or the token lacks the role (403).</summary>
    public const int Auth = 3;

    /// <summary>Server error (5xx), rate limited (429), connection refused or timed out.</summary>
    public const int Server = 4;

    /// <summary>The change was accepted but the configuration already was as asked: no commit was written.</summary>
    public const int NothingToChange = 5;

    public const string HelpText = """
        Exit codes:
          0  ok
          1  validation or usage error (bad arguments, unreadable file, not found, 422 invalid configuration,
             a change that cannot apply however often it is re-run, such as a revert conflict)
          2  conflict (409: the configuration changed since it was read; re-run to apply on the new head)
          3  authentication or authorization (401, 403)
          4  server or network (5xx, 429, connection refused, timeout)
          5  nothing to change (the configuration already was as asked; no commit was written)
        """;
}
