namespace GitOps.Reconciler.Plugins.Providers;

/// <summary>The one rule for an <c>http</c> source's <c>properties.url</c>, shared by the snapshot validator (a commit
/// with a bad URL is refused with 422) and the provider (which never fetches one), so the two cannot disagree.</summary>
internal static class HttpSourceUrl
{
    public const string Property = "url";

    /// <summary>Why <paramref name="value"/> is not a URL the provider fetches, or null when it is.</summary>
    public static string? Problem(object? value)
    {
        if (value is not string text || text.Length == 0) return "is required: an absolute http or https URL";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return "must be an absolute http or https URL";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return $"must be an http or https URL; the scheme '{uri.Scheme}' is not fetched";
        if (uri.Host.Length == 0) return "must name a host";
        return null;
    }
}
