namespace GitOps.Reconciler.Git.Remote;

/// <summary>Turns the configured HTTPS credentials into environment variables for the <c>git</c> command line.</summary>
/// <remarks>The header is passed as <c>GIT_CONFIG_KEY_0</c>/<c>GIT_CONFIG_VALUE_0</c> so it never appears in a process
/// listing, and only to the configured remote: a URL taken from a webhook payload gets no credentials.</remarks>
internal static class RemoteCredentials
{
    public static IReadOnlyDictionary<string, string> EnvironmentFor(RepositoryOptions options, string url)
    {
        ArgumentNullException.ThrowIfNull(options);
        var none = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(options.RemoteUrl) || !string.Equals(options.RemoteUrl, url, StringComparison.Ordinal)) return none;
        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) return none;
        var (user, password) = options switch
        {
            { Token: { Length: > 0 } token } => (string.IsNullOrEmpty(options.Username) ? "x-access-token" : options.Username, token),
            { Username: { Length: > 0 } name, Password: { } secret } => (name, secret),
            _ => ((string?)null, (string?)null),
        };
        if (user is null || password is null) return none;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        return new Dictionary<string, string>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = "http.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = $"Authorization: Basic {basic}",
        };
    }
}
