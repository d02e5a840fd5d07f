using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;

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
        snapshot = context.RequestServices.GetRequiredService<GitConfigStore>().Current;
        context.Items[SnapshotKey] = snapshot;
        Set(context.Response, snapshot.Head);
        return snapshot;
    }

    /// <summary>Endpoint filter for the API group: every response starts with the ETag of the snapshot being read.</summary>
    public static ValueTask<object?> PinSnapshot(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Snapshot(context.HttpContext);
        return next(context);
    }

    /// <summary>Parses If-Match: <see cref="Precondition.Missing"/>, <see cref="Precondition.Any"/> for <c>*</c>, else the head it names.</summary>
    public static Precondition ParseIfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0) return Precondition.Missing;
        if (value == "*") return Precondition.Any;
        // One ETag is expected; if a list is sent, the first one counts. Weak tags compare by their opaque value.
        var first = value.Split(',')[0].Trim();
        if (first.StartsWith("W/", StringComparison.Ordinal)) first = first[2..];
        return new Precondition(first.Trim('"'));
    }
}

/// <summary>What If-Match asked for: a head, any head (<c>*</c>), or nothing (428).</summary>
internal sealed record Precondition(string? ExpectedHead)
{
    public static Precondition Missing { get; } = new((string?)null) { IsMissing = true };

    public static Precondition Any { get; } = new((string?)null);

    public bool IsMissing { get; private init; }
}
