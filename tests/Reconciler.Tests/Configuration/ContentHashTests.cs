using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Configuration;

/// <summary>DESIGN §6's content hash: SHA-256 over <c>path NUL length NUL content</c> of each file, sorted by path, lowercase
/// hex; checked against that definition written out plainly.</summary>
public sealed class ContentHashTests
{
    [Fact]
    public void IsSha256OfTheFramedFilesInPathOrder_ForSmallFilesAndFilesLargerThanTheBuffer()
    {
        var random = new Random(6);
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var size in new[] { 0, 1, 100, 65_000, 65_536, 70_000, 200_000, 3 })
        {
            var content = new byte[size];
            random.NextBytes(content);
            files[$"dir/é-{size:D6}-{random.Next(1000)}.yaml"] = content;
        }

        Assert.Equal(Plain(files), ContentHash.Of(files));
        Assert.Equal(Plain(files.Take(3)), ContentHash.Of(files.Take(3)));
        Assert.Equal(Plain([]), ContentHash.Empty);
    }

    [Fact]
    public void MatchesTheDesignsFramingByteForByte()
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>
        {
            ["sources.yaml"] = Encoding.UTF8.GetBytes("a: 1\n"),
            ["catalog.yaml"] = Encoding.UTF8.GetBytes("models: []\n"),
        };
        // the bytes DESIGN §6 hashes for these two files, in path order
        var framed = "catalog.yaml\u000011\u0000models: []\nsources.yaml\u00005\u0000a: 1\n";

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(framed))), ContentHash.Of(files));
    }

    private static string Plain(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> files)
    {
        var all = new List<byte>();
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            all.AddRange(Encoding.UTF8.GetBytes(path));
            all.Add(0);
            all.AddRange(Encoding.ASCII.GetBytes(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            all.Add(0);
            all.AddRange(content.ToArray());
        }
        return Convert.ToHexStringLower(SHA256.HashData(all.ToArray()));
    }
}
