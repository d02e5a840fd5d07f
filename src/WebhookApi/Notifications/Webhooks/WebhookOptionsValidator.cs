using System.Net;

namespace GitOps.WebhookApi.Notifications.Webhooks;

/// <summary>Refuses a subscriber the sink could never deliver to, naming the option (<c>GitOps:Notifications:Webhooks:2:Url</c>)
/// and the reason. Neither the URL (its path or query may hold a token) nor the secret is repeated in the message.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookSubscribersOptions>
{
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, WebhookSubscribersOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var prefix = $"{WebhookSubscribersOptions.SectionName}:Webhooks:{i}";
            if (UrlProblem(options.Webhooks[i].Url) is { } urlProblem) errors.Add($"{prefix}:Url {urlProblem}");
            if (SecretProblem(options.Webhooks[i].Secret) is { } secretProblem) errors.Add($"{prefix}:Secret {secretProblem}");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "is required (an absolute http or https URL)";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "is not an absolute URL";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return $"must use http or https, not '{uri.Scheme}'";
        if (uri.UserInfo.Length > 0) return "must not carry user credentials (user:password@); the secret signs each delivery instead";
        if (uri.Fragment.Length > 0) return "must not have a fragment (#…): it is never sent";
        if (uri.Port is <= 0 or > 65535) return "has no usable port";
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var address)
            && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)))
            return $"names the address {address}, which no request can be sent to";
        return null;
    }

    private static string? SecretProblem(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return "is required (signs each delivery with HMAC-SHA256, the Standard Webhooks v1 signature)";
        if (secret.StartsWith(WebhookSecret.Prefix, StringComparison.Ordinal))
        {
            return WebhookSecret.TryDecode(secret, out var key) && key.Length >= MinSecretLength
                ? null
                : $"starts with '{WebhookSecret.Prefix}' but the rest is not base64 of at least {MinSecretLength} bytes";
        }
        return secret.Length < MinSecretLength ? $"must be at least {MinSecretLength} characters long" : null;
    }
}
