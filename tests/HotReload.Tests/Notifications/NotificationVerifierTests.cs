using System.Text;
using GitOps.HotReload.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.HotReload.Tests.Notifications;

public sealed class NotificationVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly SignedEvents _signer = new();
    private readonly FakeTimeProvider _time = new(Now);

    private NotificationVerifier Verifier() => new([NotificationKey.FromPublicKey(_signer.PublicKey)], new NotificationVerifierOptions { Window = TimeSpan.FromMinutes(5) }, _time);

    [Fact]
    public void Verify_SignedEnvelope_ReturnsTheEvent()
    {
        var result = Verifier().Verify(_signer.Envelope(SignedEvents.Payload("e1", "models", Now)));

        var verified = Assert.IsType<VerificationResult.Verified>(result).Notification;
        Assert.Equal(("e1", "models", "c0ffee", "h2", "h1", "Succeeded"), (verified.Id, verified.Plugin, verified.Commit, verified.Hash, verified.PreviousHash, verified.Outcome));
        Assert.Equal(["a"], verified.ChangedSources.ToArray());
        Assert.Equal(Now, verified.Time);
        Assert.Equal(NotificationKey.IdOf(_signer.PublicKey), verified.KeyId);
    }

    [Fact]
    public void Verify_TamperedPayload_IsRefusedAsBadSignature()
    {
        var payload = SignedEvents.Payload("e1", "models", Now);
        var signature = _signer.Sign(Encoding.UTF8.GetBytes(payload));

        var result = Verifier().Verify(_signer.Envelope(payload.Replace("\"h2\"", "\"h9\""), signature: signature));

        Assert.Equal(RejectionReason.BadSignature, Assert.IsType<VerificationResult.Rejected>(result).Reason);
    }

    [Fact]
    public void Verify_SignedByAnotherKeyUnderAKnownId_IsRefusedAsBadSignature()
    {
        var forger = new SignedEvents();
        var payload = SignedEvents.Payload("e1", "models", Now);

        var result = Verifier().Verify(forger.Envelope(payload, keyId: NotificationKey.IdOf(_signer.PublicKey)));

        Assert.Equal(RejectionReason.BadSignature, Assert.IsType<VerificationResult.Rejected>(result).Reason);
    }

    [Fact]
    public void Verify_UnknownKey_IsRefused()
    {
        var result = Verifier().Verify(new SignedEvents().Envelope(SignedEvents.Payload("e1", "models", Now)));

        Assert.Equal(RejectionReason.UnknownKey, Assert.IsType<VerificationResult.Rejected>(result).Reason);
    }

    [Fact]
    public void Verify_SameEventTwice_IsRefusedAsReplay()
    {
        var verifier = Verifier();
        var envelope = _signer.Envelope(SignedEvents.Payload("e1", "models", Now));
        Assert.IsType<VerificationResult.Verified>(verifier.Verify(envelope));

        Assert.Equal(RejectionReason.Replayed, Assert.IsType<VerificationResult.Rejected>(verifier.Verify(envelope)).Reason);
        // Also when it comes back as a retained message.
        Assert.Equal(RejectionReason.Replayed, Assert.IsType<VerificationResult.Rejected>(verifier.Verify(envelope, retained: true)).Reason);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void Verify_TimeOutsideTheWindow_IsRefused(int minutes)
    {
        var result = Verifier().Verify(_signer.Envelope(SignedEvents.Payload("e1", "models", Now.AddMinutes(minutes))));

        Assert.Equal(RejectionReason.OutsideWindow, Assert.IsType<VerificationResult.Rejected>(result).Reason);
    }

    [Fact]
    public void Verify_OldRetainedMessage_IsAcceptedOnce_ButNotOverANewerEvent()
    {
        var verifier = Verifier();
        var old = _signer.Envelope(SignedEvents.Payload("e-old", "models", Now.AddHours(-3)));
        Assert.IsType<VerificationResult.Verified>(verifier.Verify(old, retained: true));
        Assert.IsType<VerificationResult.Verified>(verifier.Verify(_signer.Envelope(SignedEvents.Payload("e-new", "models", Now))));

        var older = _signer.Envelope(SignedEvents.Payload("e-older", "models", Now.AddHours(-4)));
        Assert.Equal(RejectionReason.Superseded, Assert.IsType<VerificationResult.Rejected>(verifier.Verify(older, retained: true)).Reason);
    }

    [Fact]
    public void Verify_ForgedEvent_DoesNotPoisonTheReplayMemory()
    {
        var verifier = Verifier();
        var payload = SignedEvents.Payload("e1", "models", Now);
        Assert.IsType<VerificationResult.Rejected>(verifier.Verify(_signer.Envelope(payload, signature: new byte[64])));

        Assert.IsType<VerificationResult.Verified>(verifier.Verify(_signer.Envelope(payload)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"keyId":"x"}""")]
    [InlineData("""{"keyId":"x","signature":"%%%","payload":"{}"}""")]
    [InlineData("[]")]
    public void Verify_NotAnEnvelope_IsMalformed(string body)
    {
        var result = Verifier().Verify(Encoding.UTF8.GetBytes(body));

        Assert.Equal(RejectionReason.Malformed, Assert.IsType<VerificationResult.Rejected>(result).Reason);
    }

    [Fact]
    public void Verify_SignedButNotANotification_IsMalformed()
    {
        var result = Verifier().Verify(_signer.Envelope("""{"v":2,"id":"e1"}"""));

        Assert.Equal(RejectionReason.Malformed, Assert.IsType<VerificationResult.Rejected>(result).Reason);
    }

    [Fact]
    public void ParseKeyList_ReadsKeys_AndRefusesAnIdThatDoesNotMatchItsKey()
    {
        var key = Convert.ToBase64String(_signer.PublicKey);
        var id = NotificationKey.IdOf(_signer.PublicKey);

        var keys = NotificationKey.ParseKeyList(Encoding.UTF8.GetBytes($$"""{"currentKeyId":"{{id}}","keys":[{"keyId":"{{id}}","publicKey":"{{key}}"}]}"""));

        Assert.Equal(id, Assert.Single(keys).KeyId);
        var error = Assert.Throws<FormatException>(() => NotificationKey.ParseKeyList(Encoding.UTF8.GetBytes($$"""{"keys":[{"keyId":"0000000000000000","publicKey":"{{key}}"}]}""")));
        Assert.Contains("does not match", error.Message);
    }
}
