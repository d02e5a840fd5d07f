using System.Text.RegularExpressions;

namespace GitOps.WebhookApi.Http;

/// <summary>The request id: a well-formed <c>X-Request-Id</c> from the caller, else the server's trace identifier.
/// It goes into commit trailers, audit events and problem details, and is echoed in the response.</summary>
internal static partial class RequestIds
{
    public const string Header = "X-Request-Id";
    private const string ItemKey = "gitops.requestId";

    public static string Get(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is string id) return id;
        var given = context.Request.Headers[Header].ToString();
        // Only a plain token may reach a commit trailer: no spaces or newlines that could forge other trailers.
        id = SafeId().IsMatch(given) ? given : context.TraceIdentifier;
        context.Items[ItemKey] = id;
        return id;
    }

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.Headers[Header] = Get(context);
        return next(context);
    });

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex SafeId();
}
