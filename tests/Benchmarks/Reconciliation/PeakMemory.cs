namespace GitOps.Benchmarks.Reconciliation;

/// <summary>This process's peak working set (Linux VmHWM, what <see cref="System.Diagnostics.Process.PeakWorkingSet64"/>
/// reads), which <see cref="Reset"/> sets back to the current working set so that a later peak covers only what ran after.</summary>
internal static class PeakMemory
{
    public static bool WasReset { get; private set; }

    /// <summary>Writes 5 to /proc/self/clear_refs (resets VmHWM); where that is not possible the peak stays whole-process.</summary>
    public static void Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            WasReset = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WasReset = false;
        }
    }

    public static string MiB(long bytes) => $"{bytes / (1024.0 * 1024.0):F0} MiB";
}
