namespace GitOps.WebhookApi.Runtime;

/// <summary>Refresh rate limits (DESIGN §4, §7): token buckets per source and per plugin.</summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "GitOps:RateLimit";

    /// <summary>The refill period of every bucket.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")] public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Refreshes of one source allowed per <see cref="Window"/>.</summary>
    [Range(1, 10_000)] public int SourceRefreshPerWindow { get; set; } = 1;

    /// <summary>Refreshes of one whole plugin allowed per <see cref="Window"/>.</summary>
    [Range(1, 10_000)] public int PluginRefreshPerWindow { get; set; } = 1;
}
