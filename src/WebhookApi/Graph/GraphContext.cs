using GraphQL;

namespace GitOps.WebhookApi.Graph;

/// <summary>The GraphQL user context: the HTTP request it came with. Reads pin one snapshot per request, as REST does.</summary>
internal sealed class GraphContext(HttpContext http, bool knownDocument = false) : Dictionary<string, object?>
{
    public HttpContext Http => http;

    /// <summary>The document passed every rule and the limits before and comes without variables (see
    /// <see cref="KnownDocumentValidator"/>).</summary>
    public bool KnownDocument => knownDocument;

    public ConfigSnapshot Snapshot => EntityTags.Snapshot(http);

    public static GraphContext Of(IResolveFieldContext context) =>
        context.UserContext as GraphContext ?? throw new InvalidOperationException("GraphQL executed without its HTTP context");
}
