namespace GitOps.HotReload.Mounts;

/// <summary>How kubelet lays out a ConfigMap/Secret volume, and how a plain folder differs.</summary>
/// <remarks>
/// kubelet's atomic writer puts the files into a timestamped directory (<c>..2026_12_05_13_00_00.123456789</c>), points a
/// <c>..data_tmp</c> symlink at it, renames <c>..data_tmp</c> over <c>..data</c> (the one atomic step), and keeps one
/// symlink per key (<c>key → ..data/key</c>); then it removes the old timestamped directory. Entries whose name starts
/// with a dot are never keys. A plain folder (local development) has no <c>..data</c>: its regular files are the keys.
/// </remarks>
internal static class MountLayout
{
    public const string DataLink = "..data";

    /// <summary>The name <c>..data</c> points at (relative, as kubelet writes it), or null when there is no <c>..data</c> link.</summary>
    public static string? ReadDataTarget(string directory)
    {
        var link = new FileInfo(Path.Combine(directory, DataLink));
        return link.LinkTarget;
    }

    /// <summary>The directory the keys are read from: the resolved <c>..data</c> target, or the folder itself.</summary>
    public static string DataDirectory(string directory, string? target) =>
        target is null ? directory : Path.GetFullPath(Path.Combine(directory, target));

    /// <summary>The keys in <paramref name="dataDirectory"/>: visible regular files (symlinks to files count), ordinal order.</summary>
    public static IEnumerable<string> Keys(string dataDirectory) =>
        new DirectoryInfo(dataDirectory).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('.') && !IsEditorLeftover(f.Name))
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal);

    /// <summary>Swap and backup files editors leave next to the real file (vi <c>.swp</c> are dot-files already).</summary>
    private static bool IsEditorLeftover(string name) => name.EndsWith('~');
}
