using System.Text.Json.Serialization;
using GitOps.HotReload.Files;

namespace GitOps.WebhookApi.Notifications;

/// <summary>The key ring as stored in <c>notifications.key</c> (JSON, version 1, mode 0600): the current private key and
/// the public keys rotated out, with when each was retired.</summary>
internal sealed record NotificationKeyFile(StoredPrivateKey Current, ImmutableArray<StoredPublicKey> Retired)
{
    public static FileFormat<NotificationKeyFile> Format(Func<NotificationKeyFile> seed) =>
        new JsonFileFormat<NotificationKeyFile>(1, seed, NotificationKeyFileJson.Default.NotificationKeyFile);
}

/// <param name="PrivateKey">The 32-byte Ed25519 private key (seed), base64.</param>
internal sealed record StoredPrivateKey(string KeyId, string PrivateKey, DateTimeOffset CreatedAt);

/// <param name="PublicKey">The 32-byte Ed25519 public key, base64.</param>
internal sealed record StoredPublicKey(string KeyId, string PublicKey, DateTimeOffset CreatedAt, DateTimeOffset RetiredAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NotificationKeyFile))]
internal sealed partial class NotificationKeyFileJson : JsonSerializerContext;
