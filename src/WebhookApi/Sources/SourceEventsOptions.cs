using System.ComponentModel.DataAnnotations;

namespace GitOps.WebhookApi.Sources;

/// <summary><c>GitOps:SourceEvents</c>: the memory of <c>GET /plugins/{plugin}/sources/{id}/events</c>. Per source, runtime
/// events (state changes, refreshes) are kept in memory and as many of the newest commits are read from history
/// (<see cref="PerSource"/>); at most <see cref="MaxSources"/> sources are remembered at once, past it the least recently
/// changed one is dropped.</summary>
internal sealed class SourceEventsOptions
{
    [Range(1, 100_000)] public int PerSource { get; set; } = 200;

    [Range(1, 1_000_000)] public int MaxSources { get; set; } = 10_000;

    public const string SectionName = "GitOps:SourceEvents";
}
