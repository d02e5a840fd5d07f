using System.Globalization;
using System.Text.Json.Serialization;
using static System.Text.Json.Serialization.JsonIgnoreCondition;

namespace GitOps.WebhookApi.Sources;

internal enum SourceEventKind
{
    StateChanged,
    Refreshed,
    Committed,
    Draft,
}

/// <summary>One event of a source's timeline (docs/DRAFTS.md, "Events per source"); fields that do not apply are left out.</summary>
/// <param name="Key">Unique per event and stable across requests (runtime sequence, commit sha, draft id and head): with
/// <see cref="At"/> it orders the timeline and positions a page cursor.</param>
internal sealed record SourceEvent(
    [property: JsonIgnore] string Key, DateTimeOffset At, SourceEventKind Kind,
    [property: JsonIgnore(Condition = WhenWritingNull)] SourceState? State = null, [property: JsonIgnore(Condition = WhenWritingNull)] SourceState? PreviousState = null,
    [property: JsonIgnore(Condition = WhenWritingNull)] string? Reason = null, [property: JsonIgnore(Condition = WhenWritingNull)] string? Commit = null,
    [property: JsonIgnore(Condition = WhenWritingNull)] string? Summary = null, [property: JsonIgnore(Condition = WhenWritingNull)] string? Author = null,
    [property: JsonIgnore(Condition = WhenWritingNull)] string? Draft = null)
{
    /// <summary>The page position just after this event: <c>{ticks}|{key}</c>.</summary>
    public string Position() => $"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{Key}";

    /// <summary>Newest first; equal times by key, descending.</summary>
    public static int NewestFirst(SourceEvent a, SourceEvent b)
    {
        var byTime = b.At.UtcTicks.CompareTo(a.At.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.Key, a.Key);
    }

    /// <summary>Whether this event comes after the position <paramref name="ticks"/>/<paramref name="key"/> in timeline order.</summary>
    public bool IsAfter(long ticks, string key) => At.UtcTicks < ticks || (At.UtcTicks == ticks && string.CompareOrdinal(Key, key) < 0);
}

/// <summary><c>GET /plugins/{plugin}/sources/{id}/events</c>.</summary>
internal sealed record SourceEventsView(ImmutableArray<SourceEvent> Events, string? Next);
