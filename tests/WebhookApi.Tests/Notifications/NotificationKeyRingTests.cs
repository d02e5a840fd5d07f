using System.Net;
using GitOps.HotReload.Notifications;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.WebhookApi.Tests.Notifications;

public sealed class NotificationKeyRingTests : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-keyring");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    private string KeyFile => Path.Combine(_directory.Path, "notifications.key");

    private NotificationKeyRing Open() => new(KeyFile, TimeSpan.FromDays(7), _time, NullLogger.Instance);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void FirstStart_CreatesTheKeyOwnerOnly_AndLaterStartsReuseIt()
    {
        var first = Open();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(first.KeyId, Open().KeyId);
        Assert.Equal(NotificationKey.IdOf(first.Keys()[0].PublicKey), first.KeyId);
    }

    [Fact]
    public void Signature_VerifiesWithTheConsumerLibrary_AndATamperedPayloadDoesNot()
    {
        var ring = Open();
        var notification = new ChangeNotification("e1", "models", "c1", "h2", "h1", ["a"], "Succeeded", _time.GetUtcNow(), null);
        var signed = NotificationEnvelope.Sign(notification, ring);
        var verifier = new NotificationVerifier(ring.Keys().Select(k => NotificationKey.FromPublicKey(k.PublicKey)), time: _time);

        var verified = Assert.IsType<VerificationResult.Verified>(verifier.Verify(NotificationEnvelope.Write(signed))).Notification;
        Assert.Equal(("e1", "models", "h2", ring.KeyId), (verified.Id, verified.Plugin, verified.Hash, verified.KeyId));

        var tampered = signed.Payload.ToArray();
        tampered[^3] ^= 1;
        var result = verifier.Verify(tampered, signed.KeyId, signed.Signature.Span);
        Assert.Equal(RejectionReason.BadSignature, Assert.IsType<VerificationResult.Rejected>(result).Reason);
    }

    [Fact]
    public void Rotate_KeepsTheOldPublicKeyListedForTheRetention_ThenDropsIt()
    {
        var ring = Open();
        var old = ring.KeyId;
        var oldSigned = NotificationEnvelope.Sign(new ChangeNotification("e1", "models", "c1", "h1", null, [], "Succeeded", _time.GetUtcNow(), null), ring);

        var next = ring.Rotate();

        Assert.NotEqual(old, next);
        Assert.Equal([next, old], ring.Keys().Select(k => k.KeyId).ToArray());
        Assert.Equal([next, old], Open().Keys().Select(k => k.KeyId).ToArray()); // on disk too
        var verifier = new NotificationVerifier(ring.Keys().Select(k => NotificationKey.FromPublicKey(k.PublicKey)), time: _time);
        Assert.IsType<VerificationResult.Verified>(verifier.Verify(NotificationEnvelope.Write(oldSigned)));

        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        Assert.Equal([next], ring.Keys().Select(k => k.KeyId).ToArray());
    }

    [Fact]
    public void CorruptKeyFile_FailsWithAMessageNamingTheFile()
    {
        File.WriteAllText(KeyFile, """{"version":1,"current":{"keyId":"00","privateKey":"AAAA","createdAt":"2026-01-01T00:00:00Z"},"retired":[]}""");

        var error = Assert.Throws<InvalidDataException>(Open);

        Assert.Contains(KeyFile, error.Message);
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>The key endpoints on the real service (no broker configured: the MQTT sink is off).</summary>
public sealed class NotificationKeyEndpointTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public NotificationKeyEndpointTests(ApiServer server) => _server = server;

    [Fact]
    public async Task Keys_ListTheCurrentKey_AndRotationByAnAdminListsBoth()
    {
        var before = NotificationKey.ParseKeyList(await _server.Viewer.GetByteArrayAsync(new Uri("notifications/keys", UriKind.Relative)));
        var current = before[0];

        using var forbidden = await _server.Operator.PostAsync(new Uri("notifications/keys:rotate", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var rotated = await _server.Admin.PostAsync(new Uri("notifications/keys:rotate", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);

        var body = await rotated.JsonAsync();
        var after = NotificationKey.ParseKeyList(System.Text.Encoding.UTF8.GetBytes(body.GetRawText()));
        Assert.Equal(body.GetProperty("currentKeyId").GetString(), after[0].KeyId);
        Assert.NotEqual(current.KeyId, after[0].KeyId);
        Assert.Contains(after, k => k.KeyId == current.KeyId);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", body.GetProperty("keys")[0].GetProperty("publicKeyPem").GetString());
        Assert.DoesNotContain("privateKey", body.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Keys_WithoutAToken_AreRefused()
    {
        using var response = await _server.Anonymous.GetAsync(new Uri("notifications/keys", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
