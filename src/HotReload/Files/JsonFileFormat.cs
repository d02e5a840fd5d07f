using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.HotReload.Files;

/// <summary>A JSON object with a top-level <c>version</c>: older versions are migrated one step at a time
/// (<c>migrations[n]</c> turns version n into n+1), newer ones are refused rather than misread.</summary>
/// <remarks>A file without <c>version</c> is version 1.</remarks>
public sealed class JsonFileFormat<T>(
    int currentVersion,
    Func<T> seed,
    JsonTypeInfo<T> typeInfo,
    IReadOnlyDictionary<int, Func<JsonObject, JsonObject>>? migrations = null) : FileFormat<T>
{
    public const string VersionProperty = "version";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public int CurrentVersion { get; } = currentVersion >= 1 ? currentVersion : throw new ArgumentOutOfRangeException(nameof(currentVersion), "schema versions start at 1");

    public override T Seed() => seed();

    public override byte[] Write(T value)
    {
        var node = JsonSerializer.SerializeToNode(value, typeInfo) as JsonObject ?? throw new InvalidOperationException($"{typeof(T).Name} must serialise to a JSON object");
        node.Remove(VersionProperty);
        var document = new JsonObject { [VersionProperty] = CurrentVersion };
        foreach (var (name, child) in node.ToArray())
        {
            node.Remove(name);
            document[name] = child;
        }
        return JsonSerializer.SerializeToUtf8Bytes(document, Indented);
    }

    public override FileRead<T> Read(ReadOnlySpan<byte> content)
    {
        if (content.IndexOfAnyExcept(" \t\r\n"u8) < 0) return new FileRead<T>.Empty();
        JsonObject document;
        try
        {
            document = JsonNode.Parse(content) as JsonObject ?? throw new JsonException("the document is not a JSON object");
        }
        catch (JsonException ex)
        {
            return new FileRead<T>.Invalid($"not valid JSON: {ex.Message}");
        }
        var version = 1;
        if (document[VersionProperty] is { } versionNode)
        {
            if (versionNode.GetValueKind() != JsonValueKind.Number || !versionNode.AsValue().TryGetValue(out version) || version < 1)
                return new FileRead<T>.Invalid($"'{VersionProperty}' must be a positive integer");
        }
        if (version > CurrentVersion)
            return new FileRead<T>.Invalid($"schema version {version} is newer than this program understands ({CurrentVersion}); upgrade the program");
        var from = version;
        for (; version < CurrentVersion; version++)
        {
            if (migrations is null || !migrations.TryGetValue(version, out var migrate))
                return new FileRead<T>.Invalid($"no migration from schema version {version} to {version + 1}");
            document = migrate(document);
        }
        document.Remove(VersionProperty);
        T? value;
        try
        {
            value = document.Deserialize(typeInfo);
        }
        catch (JsonException ex)
        {
            return new FileRead<T>.Invalid(ex.Message);
        }
        if (value is null) return new FileRead<T>.Invalid("the document is null");
        return from == CurrentVersion ? new FileRead<T>.Current(value) : new FileRead<T>.Migrated(value, from, CurrentVersion);
    }
}
