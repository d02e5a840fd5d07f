using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Git;

/// <summary>fsync of directories, which .NET cannot open as a <see cref="FileStream"/>.</summary>
/// <remarks>A rename is durable only once the directory holding the new name is flushed; on Windows the
/// rename itself is journaled by NTFS and this is a no-op.</remarks>
internal static class DurableFile
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux

    /// <summary>Flushes the directory entry table of <paramref name="path"/> to stable storage.</summary>
    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return;
        var fd = Open(path, ReadOnly | (OperatingSystem.IsLinux() ? Directory : 0));
        if (fd < 0) throw new IOException($"open({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Flushes every dirty page and metadata change of the file system holding <paramref name="path"/>
    /// (Linux <c>syncfs</c>, which reports write-back errors since 5.8). Returns false where there is no syncfs.</summary>
    public static bool SyncFileSystem(string path)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var fd = Open(path, ReadOnly | Directory);
        if (fd < 0) throw new IOException($"open({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (SyncFs(fd) != 0) throw new IOException($"syncfs({path}) failed: errno {Marshal.GetLastPInvokeError()}");
            return true;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static int Open(string path, int flags) => OpenNative(System.Text.Encoding.UTF8.GetBytes(path + "\0"), flags);

    // DllImport with blittable arguments only (the path goes as NUL-terminated UTF-8 bytes), so no unsafe code is needed.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int OpenNative(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SyncFs(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
