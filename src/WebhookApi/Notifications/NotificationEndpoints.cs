namespace GitOps.WebhookApi.Notifications;

/// <summary><c>GET /notifications/keys</c> (viewer) and <c>POST /notifications/keys:rotate</c> (admin).</summary>
internal static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications");
        group.MapGet("/keys", (NotificationKeyRing keys) => TypedResults.Ok(KeyList(keys))).WithName("ListNotificationKeys");
        group.MapPost("/keys:rotate", (NotificationKeyRing keys) =>
        {
            keys.Rotate();
            return TypedResults.Ok(KeyList(keys));
        }).RequireAuthorization(Roles.Admin).WithName("RotateNotificationKey");
        return api;
    }

    private static NotificationKeyList KeyList(NotificationKeyRing ring) =>
        new(ring.KeyId, [.. ring.Keys().Select(k => new NotificationKeyView(k.KeyId, "Ed25519", Convert.ToBase64String(k.PublicKey),
            Pem(k.PublicKey), k.CreatedAt, k.RetiredAt, k.RetiredAt is null))]);

    /// <summary>The SubjectPublicKeyInfo PEM of a raw Ed25519 key (RFC 8410): what <c>openssl pkeyutl -pubin</c> reads.</summary>
    internal static string Pem(byte[] publicKey)
    {
        byte[] prefix = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
        return $"-----BEGIN PUBLIC KEY-----\n{Convert.ToBase64String([.. prefix, .. publicKey])}\n-----END PUBLIC KEY-----\n";
    }
}

/// <summary>The keys a receiver should accept: the current one, then retired ones still in their window.</summary>
internal sealed record NotificationKeyList(string CurrentKeyId, IReadOnlyList<NotificationKeyView> Keys);

/// <param name="PublicKey">The raw 32-byte public key, base64.</param>
/// <param name="PublicKeyPem">The same key as SubjectPublicKeyInfo PEM.</param>
internal sealed record NotificationKeyView(string KeyId, string Algorithm, string PublicKey, string PublicKeyPem,
    DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, bool Current);
