using System.Globalization;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Org.BouncyCastle.Security;

namespace GitOps.HotReload.Tests.Notifications;

/// <summary>A signing key as the service holds one, and envelopes in the service's wire form, built here by hand from
/// docs/NOTIFICATIONS.md (this project does not reference the service).</summary>
internal sealed class SignedEvents
{
    private readonly Ed25519PrivateKeyParameters _key = new(new SecureRandom());

    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    public static string Payload(string id, string plugin, DateTimeOffset time, string hash = "h2", string? previousHash = "h1") =>
        $$"""{"v":1,"id":"{{id}}","plugin":"{{plugin}}","commit":"c0ffee","hash":"{{hash}}","previousHash":{{(previousHash is null ? "null" : $"\"{previousHash}\"")}},"changedSources":["a"],"outcome":"Succeeded","time":"{{time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}"}""";

    public byte[] Sign(byte[] data)
    {
        var signature = new byte[Ed25519.SignatureSize];
        _key.Sign(Ed25519.Algorithm.Ed25519, null, data, 0, data.Length, signature, 0);
        return signature;
    }

    public byte[] Envelope(string payload, string? keyId = null, byte[]? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            keyId = keyId ?? GitOps.HotReload.Notifications.NotificationKey.IdOf(PublicKey),
            signature = Convert.ToBase64String(signature ?? Sign(bytes)),
            payload,
        });
    }
}
