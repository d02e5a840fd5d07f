namespace GitOps.WebhookApi.Notifications.Webhooks;

/// <summary>A subscriber's HMAC key: <c>whsec_</c> + base64 decodes to the key bytes (the Standard Webhooks form); any
/// other string is used as its UTF-8 bytes.</summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static byte[] Key(string secret) =>
        TryDecode(secret, out var key) ? key : Encoding.UTF8.GetBytes(secret);

    public static bool TryDecode(string secret, out byte[] key)
    {
        key = [];
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var text = secret[Prefix.Length..];
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written)) return false;
        key = buffer[..written];
        return true;
    }
}
