namespace GitOps.WebhookApi.Events;

/// <summary><c>GitOps:Events</c>: the memory of <c>GET /api/v1/events</c>.</summary>
internal sealed class EventStreamOptions
{
    public const string SectionName = "GitOps:Events";

    /// <summary>Events kept for <c>Last-Event-ID</c> resume; an older id gets a <c>reset</c> event.</summary>
    [Range(16, 1_000_000)] public int BufferSize { get; set; } = 1024;

    /// <summary>Events waiting for one slow client; past it that client's stream ends (it resumes with Last-Event-ID).</summary>
    [Range(16, 1_000_000)] public int ClientBufferSize { get; set; } = 1024;

    /// <summary>How often an idle stream sends a comment line, so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);
}
