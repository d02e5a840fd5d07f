namespace GitOps.Reconciler.Secrets.Age;

/// <summary>age's ASCII armor: PEM-style, standard padded base64 in 64-column lines.</summary>
internal static class AgeArmor
{
    public const string Begin = "-----BEGIN AGE ENCRYPTED FILE-----";
    public const string End = "-----END AGE ENCRYPTED FILE-----";

    public static bool LooksArmored(string text) => text.TrimStart().StartsWith(Begin, StringComparison.Ordinal);

    public static string Encode(ReadOnlySpan<byte> file)
    {
        var encoded = Convert.ToBase64String(file);
        var text = new StringBuilder(Begin).Append('\n');
        for (var i = 0; i < encoded.Length; i += 64) text.Append(encoded, i, Math.Min(64, encoded.Length - i)).Append('\n');
        return text.Append(End).Append('\n').ToString();
    }

    /// <summary>Decodes armor (surrounding whitespace and CRLF tolerated); null when it is not well-formed.</summary>
    public static byte[]? Decode(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Trim().Split('\n');
        if (lines.Length < 2 || lines[0] != Begin || lines[^1] != End) return null;
        var body = lines[1..^1];
        for (var i = 0; i < body.Length; i++)
            if (body[i].Length > 64 || (i < body.Length - 1 && body[i].Length != 64)) return null;
        try
        {
            return Convert.FromBase64String(string.Concat(body));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
