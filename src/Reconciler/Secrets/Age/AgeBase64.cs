namespace GitOps.Reconciler.Secrets.Age;

/// <summary>The base64 of age headers: standard alphabet, no padding, stanza bodies wrapped at 64 columns.</summary>
internal static class AgeBase64
{
    public const int LineLength = 64;

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Decodes canonical unpadded base64; null for padding, bad characters or non-canonical trailing bits.</summary>
    public static byte[]? Decode(string text)
    {
        if (text.Contains('=', StringComparison.Ordinal) || text.Length % 4 == 1) return null;
        try
        {
            var bytes = Convert.FromBase64String(text + new string('=', (4 - text.Length % 4) % 4));
            return Encode(bytes) == text ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Appends a stanza body: full 64-column lines, then a final shorter (possibly empty) line.</summary>
    public static void AppendWrapped(StringBuilder text, ReadOnlySpan<byte> body)
    {
        var encoded = Encode(body);
        var i = 0;
        for (; i + LineLength <= encoded.Length; i += LineLength) text.Append(encoded, i, LineLength).Append('\n');
        text.Append(encoded, i, encoded.Length - i).Append('\n');
    }
}
