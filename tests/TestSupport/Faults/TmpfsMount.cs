using System.Diagnostics;

namespace GitOps.TestSupport.Faults;

/// <summary>A small real tmpfs mounted for one test (needs root or CAP_SYS_ADMIN, as test.sh runs in CI): the storage-fault
/// tests fill it to get a real ENOSPC and remount it read-only to get a real EROFS. Unmounted on dispose.</summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static TmpfsMount Create(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Writes a filler file until the file system is full (ENOSPC); delete it to free the space.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        var block = new byte[64 * 1024];
        try
        {
            using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write);
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // full: what the test wants
        }
        return filler;
    }

    /// <summary>Remounts read-only. The kernel refuses while a file is open for writing ("mount point is busy"), which the
    /// service may briefly hold (a state file being replaced); then it is tried again, for up to 5 s.</summary>
    public void RemountReadOnly()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Run("mount", "-o", "remount,ro", Path);
                return;
            }
            catch (InvalidOperationException ex) when (attempt < 50 && ex.Message.Contains("busy", StringComparison.OrdinalIgnoreCase))
            {
                Thread.Sleep(100);
            }
        }
    }

    public void RemountReadWrite() => Run("mount", "-o", "remount,rw", Path);

    public void Dispose() => Run("umount", "-l", Path);

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()} (the storage-fault tests need root or CAP_SYS_ADMIN to mount a tmpfs)");
    }
}
