using System.ComponentModel.DataAnnotations;

namespace GitOps.WebhookApi.Sources;

/// <summary><c>GitOps:SourceEvents</c>: the memory of <c>GET /plugins/{plugin}/sources/{id}/events</c>.</summary>
internal sealed class SourceEventsOptions
{
    public const string SectionName = "GitOps:SourceEvents";

    /// <summary>Events kept per source: runtime events (state changes, refreshes) in memory, and as many of the newest
    /// commits read from history; older ones drop off.</summary>
    [Range(1, 100_000)]
    public int PerSource { get; set; } = 200;

    /// <summary>Sources with runtime events or cached history kept at once; past it the least recently changed one is dropped.</summary>
    [Range(1, 1_000_000)]
    public int MaxSources { get; set; } = 10_000;
}
