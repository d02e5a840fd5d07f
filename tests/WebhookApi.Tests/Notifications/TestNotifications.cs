using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitOps.HotReload.Notifications;
using GitOps.WebhookApi.Notifications;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace GitOps.WebhookApi.Tests.Notifications;

/// <summary>An Ed25519 signer for tests (BouncyCastle), with the public key to verify against independently.</summary>
internal sealed class TestSigner : INotificationSigner
{
    private readonly Ed25519PrivateKeyParameters _key = new(new SecureRandom());

    public string KeyId => "test-key-1";

    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(data.ToArray(), 0, data.Length);
        return signer.GenerateSignature();
    }
}

/// <summary>Builds signed notifications and checks Standard Webhooks signatures the way a receiver would, without the
/// product's code.</summary>
internal static class TestNotifications
{
    public static SignedNotification Signed(TestSigner signer, string plugin, string id)
    {
        var notification = new ChangeNotification(id, plugin, "c0ffee" + id, "hash-" + id, null, ["src-1"], "Succeeded",
            DateTimeOffset.Parse("2026-12-05T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { id, plugin, commit = notification.Commit, hash = notification.Hash, outcome = "Succeeded" });
        return new SignedNotification(notification, payload, signer.KeyId, signer.Sign(payload));
    }

    /// <summary>True when the <c>v1</c> entry is HMAC-SHA256(key, id.timestamp.body) with the key from a <c>whsec_</c> secret.</summary>
    public static bool HmacMatches(ReceivedWebhook request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, SignedContent(request, request.Body));
        return Entries(request, "v1").Any(e => CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(e), expected));
    }

    /// <summary>True when the <c>v1a</c> entry is an Ed25519 signature of id.timestamp.body by <paramref name="publicKey"/>.</summary>
    public static bool Ed25519Matches(ReceivedWebhook request, byte[] publicKey, byte[]? body = null)
    {
        var content = SignedContent(request, body ?? request.Body);
        return Entries(request, "v1a").Any(e =>
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
            verifier.BlockUpdate(content, 0, content.Length);
            return verifier.VerifySignature(Convert.FromBase64String(e));
        });
    }

    private static IEnumerable<string> Entries(ReceivedWebhook request, string version) =>
        request.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split(',', 2))
            .Where(p => p.Length == 2 && p[0] == version)
            .Select(p => p[1]);

    private static byte[] SignedContent(ReceivedWebhook request, byte[] body) =>
        [.. Encoding.UTF8.GetBytes($"{request.WebhookId}.{request.Timestamp}."), .. body];

    public static string[] Ids(IEnumerable<ReceivedWebhook> requests) => [.. requests.Select(r => r.WebhookId)];
}
