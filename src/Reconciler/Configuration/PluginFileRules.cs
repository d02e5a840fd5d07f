using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration;

/// <summary>Which files may live in a plugin folder and the shape each must have (docs/CONFIG_FORMAT.md, "Files in a
/// plugin folder"). Every file, whether or not a source refers to it, is a YAML file (<c>*.yaml</c> or <c>*.yml</c>)
/// that passes the same checks as sources.yaml and catalogs: the <see cref="YamlLimits"/> (size, depth, alias
/// expansion), valid UTF-8, no NUL byte, correct syntax and at most one document. The git store, the API's writes,
/// pull-request validation and <c>gitops validate</c> all build snapshots through <see cref="SnapshotBuilder"/>, which
/// applies these rules, so a file that would explode later is refused before it is committed or applied.</summary>
internal static class PluginFileRules
{
    /// <summary>The file name endings allowed in a plugin folder.</summary>
    public static ImmutableArray<string> Extensions { get; } = [".yaml", ".yml"];

    /// <summary>Why a file may not live in a plugin folder by its name, or null when the name is allowed.</summary>
    public static string? NameProblem(string name) =>
        Extensions.Any(e => name.EndsWith(e, StringComparison.Ordinal) && name.Length > e.Length)
            ? null
            : $"only YAML files ({string.Join(", ", Extensions.Select(e => "*" + e))}) may live in a plugin folder";

    /// <summary>Checks the bytes every YAML file must have (no NUL byte, valid UTF-8); null when they are fine.</summary>
    /// <param name="file">Repository-relative path used in the error.</param>
    public static ValidationError? EncodingProblem(string file, ReadOnlySpan<byte> content)
    {
        var nul = content.IndexOf((byte)0);
        if (nul >= 0)
        {
            var (line, column) = Position(content, nul);
            return new ValidationError(file, line, column, "", $"the file contains a NUL byte (at byte offset {nul}); YAML files are text");
        }
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            var bad = FirstInvalidUtf8(content);
            var (line, column) = Position(content, bad);
            return new ValidationError(file, line, column, "", $"the file is not valid UTF-8 (first invalid byte at offset {bad})");
        }
        return null;
    }

    /// <summary>The errors of one file that no source reads as a catalog: its name, then its content as YAML.</summary>
    /// <param name="folder">The plugin folder, e.g. <c>plugins/models</c>.</param>
    public static ImmutableArray<ValidationError> Check(string folder, string name, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        var file = $"{folder}/{name}";
        if (NameProblem(name) is { } problem) return [new ValidationError(file, 0, 0, "", $"'{name}' is refused: {problem}")];
        return YamlTreeReader.Read(file, content, limits) is YamlReadResult.Failed failed ? [failed.Error] : [];
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> content)
    {
        var offset = 0;
        while (offset < content.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(content[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return offset;
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> content, int offset)
    {
        var before = content[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line, offset - lineStart + 1);
    }
}
