using System.Security.Cryptography;

namespace GitOps.HotReload.Mounts;

/// <summary>One consistent read of a watched directory: every key read from the same kubelet data directory.</summary>
/// <param name="Directory">The watched directory.</param>
/// <param name="DataTarget">Where <c>..data</c> pointed during the read (e.g. <c>..2026_12_05_13_00_00.123456789</c>);
/// null for a plain folder.</param>
/// <param name="Files">Key (file name) to content.</param>
/// <param name="Hash">SHA-256 over the keys and contents (see <see cref="HashOf"/>), lowercase hex: the same hash the
/// reconciler writes into the ConfigMap's <c>gitops.reconciler/hash</c> annotation for a plugin's files.</param>
public sealed record MountSnapshot(string Directory, string? DataTarget, ImmutableSortedDictionary<string, ReadOnlyMemory<byte>> Files, string Hash)
{
    /// <summary>The first 12 characters of <see cref="Hash"/>, for log lines and dashboards.</summary>
    public string ShortHash => Hash[..12];

    /// <summary>The key's content as UTF-8 text; null when the key is absent.</summary>
    public string? ReadText(string key) => Files.TryGetValue(key, out var content) ? Encoding.UTF8.GetString(content.Span) : null;

    /// <summary>SHA-256 over <c>key NUL length NUL content</c> for every key in ordinal order, lowercase hex.</summary>
    public static string HashOf(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key));
            hash.AppendData([0]);
            hash.AppendData(Encoding.ASCII.GetBytes(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            hash.AppendData([0]);
            hash.AppendData(content.Span);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
