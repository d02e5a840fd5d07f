using System.Diagnostics;

namespace GitOps.Cli.Tests;

/// <summary>Sends a real POSIX signal to a process with <c>kill -s</c> (.NET itself only sends SIGKILL).</summary>
internal static class Signals
{
    public const string SigInt = "INT";
    public const string SigTerm = "TERM";

    /// <returns>The exit code of <c>kill</c>: 0 when the signal was sent.</returns>
    public static async Task<int> SendAsync(int pid, string signal)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false };
        foreach (var arg in new[] { "-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }) info.ArgumentList.Add(arg);
        using var kill = Process.Start(info)!;
        await kill.WaitForExitAsync();
        return kill.ExitCode;
    }
}
