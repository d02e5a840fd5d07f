namespace GitOps.WebhookApi.Webhooks;

/// <summary>The limit of a webhook delivery; the body is read with <see cref="BoundedBody"/>.</summary>
internal static class WebhookBody
{
    /// <summary>DESIGN §5: bodies over 1 MiB are refused with 413.</summary>
    public const int MaxBytes = ApiLimits.MaxBodyBytes;
}
