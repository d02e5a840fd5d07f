using System.Buffers;
using System.Security.Cryptography;

namespace GitOps.Reconciler.Configuration;

/// <summary>The hashes of DESIGN §6: SHA-256 over (path, content) pairs sorted by path, lowercase hex.</summary>
/// <remarks>Each pair is framed as <c>path NUL length NUL content</c> so that no two different file sets hash alike.</remarks>
internal static class ContentHash
{
    public static string Empty { get; } = Of([]);

    /// <summary>Hash of a set of files; <paramref name="files"/> need not be sorted.</summary>
    /// <remarks>The framed pairs are gathered in a buffer and handed to SHA-256 in large pieces: one native call per
    /// 64 KiB rather than five per file (a 100-file plugin hashed in ~200 µs of call overhead before).</remarks>
    public static string Of(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>(FlushAt + 1024);
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Encoding.UTF8.GetBytes(path, buffer);
            buffer.Write<byte>([0]);
            var length = buffer.GetSpan(11);
            content.Length.TryFormat(length, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
            buffer.Advance(written);
            buffer.Write<byte>([0]);
            if (buffer.WrittenCount + content.Length > FlushAt)
            {
                hash.AppendData(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
                hash.AppendData(content.Span);
            }
            else
            {
                buffer.Write(content.Span);
            }
        }
        hash.AppendData(buffer.WrittenSpan);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private const int FlushAt = 64 * 1024;
}
