namespace GitOps.HotReload.Notifications;

/// <summary>A change notification whose signature, key and freshness were checked (docs/NOTIFICATIONS.md); its
/// <see cref="ChangeNotification.Files"/> are there when the service sends them (off-Kubernetes consumers), else null.</summary>
public sealed record VerifiedNotification : ChangeNotification
{
    /// <param name="keyId">The id of the key whose signature held.</param>
    public VerifiedNotification(ChangeNotification notification, string keyId) : base(notification) => KeyId = keyId;

    public string KeyId { get; }
}

/// <summary>Why a notification was refused.</summary>
public enum RejectionReason
{
    /// <summary>Not a signed envelope or not a notification payload.</summary>
    Malformed,

    /// <summary>Signed with a key id this verifier does not know (or a key rotated out and dropped).</summary>
    UnknownKey,

    /// <summary>The signature does not match the payload: tampered or forged.</summary>
    BadSignature,

    /// <summary>An event id already accepted (a replay, or an at-least-once duplicate).</summary>
    Replayed,

    /// <summary>The event's time is outside the accepted window around now.</summary>
    OutsideWindow,

    /// <summary>Older than an event already accepted for the same plugin (an old retained message replayed).</summary>
    Superseded,
}

/// <summary>What <see cref="NotificationVerifier"/> made of a message (closed set).</summary>
public abstract record VerificationResult
{
    private VerificationResult() { }

    public sealed record Verified(VerifiedNotification Notification) : VerificationResult;

    public sealed record Rejected(RejectionReason Reason, string Message) : VerificationResult;
}
