using System.Diagnostics;

namespace GitOps.TestSupport.Signing;

/// <summary>Runs a real command-line tool (git, gpg, ssh-keygen) with a given environment and working directory.</summary>
public static class Tool
{
    public static (int ExitCode, string Output, string Error) TryRun(
        string file, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["HOME"] = Path.GetTempPath();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result.Trim(), error.Result.Trim());
    }

    public static string Run(string file, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var list = arguments.ToList();
        var (exitCode, output, error) = TryRun(file, list, workingDirectory, environment);
        if (exitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', list)} exited with {exitCode}: {error}");
        return output;
    }
}
