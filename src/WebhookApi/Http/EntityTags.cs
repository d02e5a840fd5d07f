namespace GitOps.WebhookApi.Http;

/// <summary>ETag = the head sha in quotes (DESIGN §3). Reads pin one snapshot per request so the body and the ETag agree.</summary>
internal static class EntityTags
{
    private const string SnapshotKey = "gitops.snapshot";

    public static string Format(string head) => $"\"{head}\"";

    public static void Set(HttpResponse response, string head) => response.Headers.ETag = Format(head);

    /// <summary>The snapshot this request reads (the store's current one, taken once), also setting the ETag.</summary>
    public static ConfigSnapshot Snapshot(HttpContext context)
    {
        if (context.Items.TryGetValue(SnapshotKey, out var pinned) && pinned is ConfigSnapshot snapshot) return snapshot;
        // Cut to the caller's grants: every read built from it (REST and GraphQL) shows only plugins in scope.
        // With ?draft=<id> (resolved by PinSnapshot) the request reads the draft's head (docs/DRAFTS.md).
        snapshot = Auth.PluginScope.Of(context).Restrict(Drafts.DraftTarget.Snapshot(context) ?? context.RequestServices.GetRequiredService<GitConfigStore>().Current);
        context.Items[SnapshotKey] = snapshot;
        Set(context.Response, snapshot.Head);
        return snapshot;
    }

    /// <summary>Endpoint filter for the API group: every response starts with the ETag of the snapshot being read.</summary>
    public static ValueTask<object?> PinSnapshot(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (Drafts.DraftTarget.Resolve(context.HttpContext) is { } unknownDraft) return ValueTask.FromResult<object?>(unknownDraft);
        Snapshot(context.HttpContext);
        return next(context);
    }

    /// <summary>Parses If-Match: <see cref="Precondition.Missing"/>, <see cref="Precondition.Any"/> for <c>*</c>, else the head it names.</summary>
    /// <remarks>If-Match compares strongly (RFC 9110 §13.1.1): a weak tag (<c>W/"…"</c>) never matches, and a quoted
    /// <c>"*"</c> is a tag named <c>*</c>, not the wildcard; both are refused with a problem saying so.</remarks>
    public static Precondition ParseIfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0) return Precondition.Missing;
        if (value == "*") return Precondition.Any;
        // One ETag is expected; if a list is sent, the first one counts.
        var first = value.Split(',')[0].Trim();
        if (first.StartsWith("W/", StringComparison.OrdinalIgnoreCase))
            return Precondition.Refused($"If-Match {Shown(first)} is a weak entity tag, and If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches. Send the ETag exactly as a GET returned it (\"<head sha>\"), or If-Match: * to apply on whatever is current");
        if (first == "\"*\"")
            return Precondition.Refused("If-Match \"*\" (quoted) names an entity tag '*', which never matches; for \"apply on whatever is current\" send If-Match: * without quotes");
        var head = first.Trim('"');
        if (head.Length == 0)
            return Precondition.Refused("If-Match names an empty entity tag; send the ETag a GET returned (\"<head sha>\"), or If-Match: *");
        return new Precondition(head);
    }

    private static string Shown(string tag) => tag.Length <= 60 ? tag : tag[..60] + "…";
}

/// <summary>What If-Match asked for: a head, any head (<c>*</c>), nothing (428), or something that can never match (400).</summary>
internal sealed record Precondition(string? ExpectedHead)
{
    public static Precondition Missing { get; } = new((string?)null) { IsMissing = true };

    public static Precondition Any { get; } = new((string?)null);

    public static Precondition Refused(string reason) => new((string?)null) { Problem = reason };

    public bool IsMissing { get; private init; }

    /// <summary>Why the header can never match, or null.</summary>
    public string? Problem { get; private init; }
}
