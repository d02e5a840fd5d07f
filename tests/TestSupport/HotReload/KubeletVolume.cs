using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace GitOps.TestSupport.HotReload;

/// <summary>A ConfigMap volume written the way kubelet's atomic writer does it (pkg/volume/util/atomic_writer.go).</summary>
/// <remarks>
/// One update: (1) write every key into a new timestamped directory <c>..2026_12_05_13_00_00.NNNN</c>; (2) point a new
/// symlink <c>..data_tmp</c> at it (relative target); (3) rename <c>..data_tmp</c> over <c>..data</c> with rename(2), the
/// one atomic step; (4) make sure every key has a user-visible symlink <c>key → ..data/key</c> and remove those of keys
/// that are gone; (5) remove the previous timestamped directory. Readers that resolved the old <c>..data</c> can find
/// their directory deleted under them, exactly as on a node.
/// </remarks>
public sealed class KubeletVolume(string directory)
{
    public const string DataLink = "..data";
    private const string DataTmpLink = "..data_tmp";
    private long _sequence;

    public string Directory { get; } = directory;

    /// <summary>The timestamped directory <c>..data</c> points at now, or null before the first write.</summary>
    public string? CurrentTarget => new FileInfo(Path.Combine(Directory, DataLink)).LinkTarget;

    public void Write(IReadOnlyDictionary<string, string> files) =>
        Write(files.ToDictionary(f => f.Key, f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Value)));

    public void Write(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var previous = CurrentTarget;
        // (1) kubelet: os.MkdirTemp(dir, time.Now().UTC().Format("..2006_01_02_15_04_05.")) — a unique suffix per write.
        var stamp = DateTime.UtcNow.ToString("yyyy_MM_dd_HH_mm_ss", CultureInfo.InvariantCulture);
        var timestamped = $"..{stamp}.{Interlocked.Increment(ref _sequence)}{Random.Shared.Next(100_000, 999_999)}";
        var timestampedPath = Path.Combine(Directory, timestamped);
        System.IO.Directory.CreateDirectory(timestampedPath);
        foreach (var (key, content) in files) File.WriteAllBytes(Path.Combine(timestampedPath, key), content.ToArray());
        // (2) ..data_tmp → the new directory (relative, as kubelet writes it).
        var tmpLink = Path.Combine(Directory, DataTmpLink);
        if (File.Exists(tmpLink) || new FileInfo(tmpLink).LinkTarget is not null) File.Delete(tmpLink);
        File.CreateSymbolicLink(tmpLink, timestamped);
        // (3) the atomic swap.
        Rename(tmpLink, Path.Combine(Directory, DataLink));
        // (4) user-visible per-key symlinks through ..data; stale ones removed.
        foreach (var key in files.Keys)
        {
            var visible = Path.Combine(Directory, key);
            if (new FileInfo(visible).LinkTarget is null) File.CreateSymbolicLink(visible, Path.Combine(DataLink, key));
        }
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFiles())
        {
            if (!entry.Name.StartsWith('.') && !files.ContainsKey(entry.Name)) entry.Delete();
        }
        // (5) the old version goes away.
        if (previous is not null) System.IO.Directory.Delete(Path.Combine(Directory, previous), recursive: true);
    }

    private static void Rename(string from, string to)
    {
        if (RenameNative(Encoding.UTF8.GetBytes(from + "\0"), Encoding.UTF8.GetBytes(to + "\0")) != 0)
            throw new IOException($"rename({from}, {to}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int RenameNative(byte[] from, byte[] to);
}
