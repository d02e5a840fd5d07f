namespace GitOps.HotReload.Files;

/// <summary>A single line of text (a token, an id): written as the text plus a newline, read trimmed; an empty file is seeded.</summary>
/// <remarks>Has no version field: its format is a contract other tools read (e.g. the CLI reads <c>admin.token</c>).</remarks>
public sealed class TextFileFormat(Func<string> seed) : FileFormat<string>
{
    public override string Seed() => seed();

    public override byte[] Write(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\n', StringComparison.Ordinal)) throw new ArgumentException("the text must be a single line", nameof(value));
        return Encoding.UTF8.GetBytes(value + "\n");
    }

    public override FileRead<string> Read(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content).Trim();
        return text.Length == 0 ? new FileRead<string>.Empty() : new FileRead<string>.Current(text);
    }
}
