using System.Diagnostics.CodeAnalysis;

namespace GitOps.Reconciler.Secrets;

/// <summary>A value encrypted with a key of the ring, written SOPS-like and self-describing:
/// <c>ENC[AES256_GCM,data:&lt;b64&gt;,iv:&lt;b64&gt;,tag:&lt;b64&gt;,type:str,kid:&lt;key id&gt;]</c>.</summary>
internal sealed record SecretEnvelope(byte[] Data, byte[] Iv, byte[] Tag, string Type, string KeyId)
{
    public const string Prefix = "ENC[AES256_GCM,";
    public const int IvLength = 12;
    public const int TagLength = 16;

    public override string ToString() =>
        $"{Prefix}data:{Convert.ToBase64String(Data)},iv:{Convert.ToBase64String(Iv)},tag:{Convert.ToBase64String(Tag)},type:{Type},kid:{KeyId}]";

    public static bool LooksLikeEnvelope(string value) => value.StartsWith("ENC[", StringComparison.Ordinal);

    /// <summary>Parses an envelope; <paramref name="error"/> says what is wrong (never echoing the value).</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SecretEnvelope? envelope, [NotNullWhen(false)] out string? error)
    {
        envelope = null;
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith(']'))
        {
            error = "not an ENC[AES256_GCM,…] envelope";
            return false;
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value[Prefix.Length..^1].Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !fields.TryAdd(part[..colon], part[(colon + 1)..]))
            {
                error = "the envelope's fields must be distinct 'name:value' pairs";
                return false;
            }
        }
        foreach (var required in new[] { "data", "iv", "tag", "type", "kid" })
            if (!fields.ContainsKey(required))
            {
                error = $"the envelope has no '{required}' field";
                return false;
            }
        if (fields.Count != 5)
        {
            error = $"the envelope has unknown fields ({string.Join(", ", fields.Keys.Except(["data", "iv", "tag", "type", "kid"]))})";
            return false;
        }
        if (fields["type"] != "str")
        {
            error = $"the envelope's type '{fields["type"]}' is not supported (only str)";
            return false;
        }
        if (!SecretKey.IsValidId(fields["kid"]))
        {
            error = "the envelope's kid is not a valid key id";
            return false;
        }
        if (!TryBase64(fields["data"], out var data) || !TryBase64(fields["iv"], out var iv) || iv.Length != IvLength
            || !TryBase64(fields["tag"], out var tag) || tag.Length != TagLength)
        {
            error = $"the envelope's data, iv ({IvLength} bytes) or tag ({TagLength} bytes) is not valid base64 of the right length";
            return false;
        }
        envelope = new SecretEnvelope(data, iv, tag, "str", fields["kid"]);
        error = null;
        return true;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
