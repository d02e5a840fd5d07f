using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>A YAML file's bytes as the text the parser reads.</summary>
internal static class YamlText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The file's text, decoded as the parser reads it (large catalogs are never held as one string); one
    /// leading byte-order mark is dropped. Invalid UTF-8 never gets here (<see cref="PluginFileRules.EncodingProblem"/>).</summary>
    public static StreamReader Decode(ReadOnlyMemory<byte> content)
    {
        if (content.Span.StartsWith("\uFEFF"u8)) content = content[3..];
        var bytes = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        return new StreamReader(bytes, Utf8, detectEncodingFromByteOrderMarks: false);
    }
}
