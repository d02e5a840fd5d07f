namespace GitOps.WebhookApi.Graph;

/// <summary>The GraphQL endpoint's protection limits (<c>GitOps:GraphQL</c>); each refusal names the limit it hit.</summary>
internal sealed class GraphOptions
{
    public const string SectionName = "GitOps:GraphQL";

    /// <summary>Deepest selection allowed (the introspection query of common clients needs about 13).</summary>
    [Range(1, 100)] public int MaxDepth { get; set; } = 15;

    /// <summary>Highest computed cost allowed: one unit per field, lists multiplied by their expected size
    /// (entity pages by <c>first</c>, default 50; other lists by 5).</summary>
    [Range(1, 10_000_000)] public int MaxCost { get; set; } = 10_000;

    /// <summary>Largest request (POST body, or GET query string) in bytes; big enough for a 1 MiB file in <c>putFile</c>.</summary>
    [Range(1024, 16 * 1024 * 1024)] public int MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Longest a query or mutation may run (subscriptions stay open until the client leaves).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
