using System.Runtime.InteropServices;

namespace GitOps.HotReload.Files;

/// <summary>Writes a file so that readers see the old content or the new, never a part: a unique temporary file in the
/// same directory (created 0600), fsync, rename over the target, fsync the directory.</summary>
internal static class AtomicFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly; // never readable by others, not even for a moment
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            // The umask can only remove bits, but an explicit mode makes "0600 after every write" hold whatever the umask.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, OwnerOnly);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        SyncDirectory(directory);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A rename is durable only once the directory holding the new name is flushed.</summary>
    private static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return;
        var fd = Open(System.Text.Encoding.UTF8.GetBytes(path + "\0"), OperatingSystem.IsLinux() ? 0x10000 : 0); // O_RDONLY | O_DIRECTORY
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

    [DllImport("libc", EntryPoint = "open", SetLastError = true), DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)] private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true), DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)] private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true), DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)] private static extern int Close(int fd);
}
