using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Configuration;

/// <summary>Hands a catalog that validation parsed to the load of the same bytes, so a catalog checked and then applied
/// (start-up, a mutation) is parsed once, not twice.</summary>
/// <remarks>Keyed by the content's backing array, which the snapshot's <see cref="PluginSnapshot.Files"/> share with what
/// validation read; an entry lives only as long as that array, and matches only the same slice, file name and limits.
/// The load takes it (a later refresh of the source parses again, as it always did).</remarks>
internal static class ParsedCatalogs
{
    private static readonly ConditionalWeakTable<byte[], Entry> Entries = new();

    /// <summary>Parses a catalog and keeps the result for <see cref="Take"/> when it parsed.</summary>
    public static CatalogParseResult ParseAndKeep(string file, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        var result = CatalogParser.Parse(file, content, limits);
        if (result is CatalogParseResult.Parsed parsed && MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is { } array)
            Entries.AddOrUpdate(array, new Entry(segment.Offset, segment.Count, file, limits, parsed));
        return result;
    }

    /// <summary>The result kept for exactly these bytes, file and limits (removed), or a fresh parse.</summary>
    public static CatalogParseResult Take(string file, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        if (MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is { } array && Entries.TryGetValue(array, out var kept)
            && kept.Offset == segment.Offset && kept.Length == segment.Count && kept.File == file && kept.Limits == limits)
        {
            Entries.Remove(array);
            return kept.Result;
        }
        return CatalogParser.Parse(file, content, limits);
    }

    /// <summary>Whether a parsed result is kept for these bytes.</summary>
    public static bool Holds(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is { } array && Entries.TryGetValue(array, out _);

    private sealed record Entry(int Offset, int Length, string File, YamlLimits Limits, CatalogParseResult.Parsed Result);
}
