using Octokit;

namespace GitOps.Reconciler.GitHub;

/// <summary>Creates the Octokit client for <see cref="GitHubOptions"/>: <c>ApiUrl</c> as base address, the token as credentials.</summary>
public static class GitHubClientFactory
{
    public static IGitHubClient Create(GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new GitHubClient(new ProductHeaderValue("gitops-reconciler"), new Uri(options.ApiUrl));
        if (!string.IsNullOrEmpty(options.Token)) client.Credentials = new Credentials(options.Token);
        return client;
    }
}
