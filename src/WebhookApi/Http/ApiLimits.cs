namespace GitOps.WebhookApi.Http;

internal static class ApiLimits
{
    /// <summary>Request bodies over 1 MiB are refused with 413 (DESIGN §4, §5).</summary>
    public const int MaxBodyBytes = 1024 * 1024;
}
