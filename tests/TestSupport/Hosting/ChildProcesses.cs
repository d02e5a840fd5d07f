using System.Diagnostics;

namespace GitOps.TestSupport.Hosting;

/// <summary>Stopping the child processes that fixtures start (services, git daemon).</summary>
public static class ChildProcesses
{
    /// <summary>Kills the process and its children if still running, waits for it, and disposes it.</summary>
    public static async Task KillAndDisposeAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
