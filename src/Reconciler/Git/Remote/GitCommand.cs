using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Git.Remote;

/// <summary>The exit code and (redacted) error and standard output of one <c>git</c> run.</summary>
public sealed record GitCommandResult(int ExitCode, string Error, string Output = "")
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs the <c>git</c> command line (fetches of refs libgit2 cannot name, such as <c>refs/pull/N/head</c> from a URL).</summary>
/// <remarks>Never prompts (<c>GIT_TERMINAL_PROMPT=0</c>). Credentials travel in the environment, never on the command line,
/// and user info in URLs is masked in the returned error text.</remarks>
internal static partial class GitCommand
{
    public static async Task<GitCommandResult> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_ASKPASS"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        using var process = new Process { StartInfo = info };
        var error = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested) throw;
            return new GitCommandResult(-1, $"git did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit();
        string text, standard;
        lock (error) text = error.ToString().Trim();
        lock (output) standard = output.ToString().Trim();
        return new GitCommandResult(process.ExitCode, Redact(text), Redact(standard));
    }

    /// <summary>Masks user info in URLs (<c>https://user:token@host</c>).</summary>
    public static string Redact(string text) => UserInfo().Replace(text, "://***@");

    [GeneratedRegex(@"://[^/@\s]+@")]
    private static partial Regex UserInfo();
}
