using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Cli.Input;

/// <summary>Reads a JSON or YAML document (one source, a config block) into JSON for the API, with the server's
/// <see cref="YamlLimits"/>: a file over the size limit is not read, YAML goes through the server's own reader
/// (depth and alias-expansion limits, duplicate keys refused, YAML 1.2 core schema scalars), and JSON is parsed
/// with the same depth limit and no duplicate properties. So a hostile file fails fast instead of expanding.</summary>
internal static class DocumentFile
{
    /// <summary>The parsed document, or an error message naming the file and, where known, the line and column.</summary>
    public static DocumentResult Read(string path) => Read(path, YamlLimits.Default);

    public static DocumentResult Read(string path, YamlLimits limits)
    {
        byte[] content;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > limits.MaxBytes)
                return new DocumentResult.Failed($"{path}: file is {length} bytes, over the size limit of {limits.MaxBytes} bytes (YamlLimits.MaxBytes)");
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new DocumentResult.Failed($"cannot read {path}: {ex.Message}");
        }
        return Parse(path, content, limits);
    }

    /// <summary>Parses <paramref name="content"/>; <paramref name="name"/> is used in messages (and its extension picks JSON).</summary>
    public static DocumentResult Parse(string name, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        if (content.Length > limits.MaxBytes)
            return new DocumentResult.Failed($"{name}: file is {content.Length} bytes, over the size limit of {limits.MaxBytes} bytes (YamlLimits.MaxBytes)");
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || StartsLikeJson(content.Span)
            ? ParseJson(name, content, limits)
            : ParseYaml(name, content, limits);
    }

    private static bool StartsLikeJson(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8)) content = content[3..];
        var start = content.TrimStart(" \t\r\n"u8);
        return start.Length > 0 && start[0] is (byte)'{' or (byte)'[';
    }

    private static DocumentResult ParseJson(string name, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        try
        {
            var options = new JsonDocumentOptions { MaxDepth = limits.MaxDepth, AllowDuplicateProperties = false };
            var text = content.Span.StartsWith("\uFEFF"u8) ? content[3..] : content;
            return JsonNode.Parse(text.Span, documentOptions: options) is { } node
                ? new DocumentResult.Parsed(node)
                : new DocumentResult.Failed($"{name}: the document is empty");
        }
        catch (JsonException ex)
        {
            return new DocumentResult.Failed($"{name}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}");
        }
    }

    private static DocumentResult ParseYaml(string name, ReadOnlyMemory<byte> content, YamlLimits limits) =>
        YamlTreeReader.Read(name, content, limits) switch
        {
            YamlReadResult.Failed failed => new DocumentResult.Failed(failed.Error.ToString()),
            YamlReadResult.Read { Root: null } => new DocumentResult.Failed($"{name}: the document is empty"),
            YamlReadResult.Read read => ToJson(read.Root!) is { } root
                ? new DocumentResult.Parsed(root)
                : new DocumentResult.Failed($"{name}: the document is empty"),
            _ => new DocumentResult.Failed($"{name}: unreadable"),
        };

    /// <summary>A fresh JSON node per visit: an alias becomes a copy of what it names. The reader charged every alias
    /// use to its expansion budget, so the copies are bounded by <see cref="YamlLimits.MaxAliasExpansions"/>.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        MappingNode map => new JsonObject(map.Entries.Select(p => KeyValuePair.Create(p.Key.Value, ToJson(p.Value)))),
        SequenceNode sequence => new JsonArray([.. sequence.Items.Select(ToJson)]),
        ScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    /// <summary>The server's own scalar rules (YAML 1.2 core schema, explicit tags honoured). JSON has no
    /// infinity or NaN, so <c>.inf</c>/<c>.nan</c> travel as their text.</summary>
    private static JsonNode? Scalar(ScalarNode scalar) => ScalarResolver.Resolve(scalar) switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        double => JsonValue.Create(scalar.Value),
        var other => JsonValue.Create(other.ToString()),
    };
}

/// <summary>The outcome of reading an input document.</summary>
internal abstract record DocumentResult
{
    private DocumentResult() { }

    public sealed record Parsed(JsonNode Document) : DocumentResult;

    public sealed record Failed(string Message) : DocumentResult;
}
