using System.Security.Cryptography;

namespace GitOps.Reconciler.Configuration;

/// <summary>The hashes of DESIGN §6: SHA-256 over (path, content) pairs sorted by path, lowercase hex.</summary>
/// <remarks>Each pair is framed as <c>path NUL length NUL content</c> so that no two different file sets hash alike.</remarks>
internal static class ContentHash
{
    public static string Empty { get; } = Of([]);

    /// <summary>Hash of a set of files; <paramref name="files"/> need not be sorted.</summary>
    public static string Of(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> lengthBuffer = stackalloc byte[20];
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData([0]);
            var lengthText = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var n = Encoding.ASCII.GetBytes(lengthText, lengthBuffer);
            hash.AppendData(lengthBuffer[..n]);
            hash.AppendData([0]);
            hash.AppendData(content.Span);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
