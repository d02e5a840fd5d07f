namespace GitOps.WebhookApi.Notifications.Webhooks;

/// <summary>The outbound webhook subscribers, <c>GitOps:Notifications:Webhooks:{n}:Url</c> and <c>…:{n}:Secret</c>
/// (issue 16). Checked at start-up by <see cref="WebhookOptionsValidator"/>: a bad entry stops the service with the
/// option's name in the message.</summary>
internal sealed class WebhookSubscribersOptions
{
    public const string SectionName = "GitOps:Notifications";

    public List<WebhookSubscriberOptions> Webhooks { get; set; } = [];
}

/// <summary>One subscriber: where to POST and the HMAC secret for its <c>v1</c> signature. The secret is
/// <c>whsec_</c> + base64 (the Standard Webhooks form) or any other string, used as its UTF-8 bytes.</summary>
internal sealed class WebhookSubscriberOptions
{
    public string? Url { get; set; }

    public string? Secret { get; set; }
}

/// <summary>How deliveries are queued and retried, <c>GitOps:Notifications:WebhookDelivery</c>. Every subscriber gets its
/// own queue and worker; these limits apply to each one.</summary>
internal sealed class WebhookDeliveryOptions
{
    public const string SectionName = "GitOps:Notifications:WebhookDelivery";

    /// <summary>Attempts per delivery, the first one included; then the delivery is <c>failed</c> (redeliver by hand).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the second attempt; it doubles after each failed attempt up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one attempt may take (connect, send, answer headers).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries waiting per subscriber; when full the newest is recorded as <c>dropped</c> (redeliver by hand).</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>Deliveries kept in the log (<c>GET /api/v1/notifications/deliveries</c>); the oldest finished ones go first.</summary>
    [Range(10, 100_000)]
    public int LogCapacity { get; set; } = 1_000;
}
