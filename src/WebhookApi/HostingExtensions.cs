namespace GitOps.WebhookApi;

internal static class HostingExtensions
{
    /// <summary>DESIGN §7: listen on http://127.0.0.1:5080 unless --urls or ASPNETCORE_URLS says otherwise.</summary>
    public static IWebHostBuilder UseUrlsIfUnset(this IWebHostBuilder builder, string urls) =>
        string.IsNullOrEmpty(builder.GetSetting(WebHostDefaults.ServerUrlsKey)) ? builder.UseUrls(urls) : builder;
}
