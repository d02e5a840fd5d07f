using System.ComponentModel.DataAnnotations;

namespace GitOps.Reconciler.GitHub;

/// <summary>GitHub API access (section <c>GitOps:GitHub</c>, DESIGN §7): pull-request statuses and comments,
/// and pull-request mode for API writes. The token is never logged.</summary>
public sealed class GitHubOptions
{
    public const string SectionName = "GitOps:GitHub";

    /// <summary>A token with <c>statuses:write</c> and <c>pull_requests:write</c> (or <c>repo</c>). Empty: results are not reported.</summary>
    public string? Token { get; set; }

    /// <summary>The REST API base address; GitHub Enterprise Server uses <c>https://host/api/v3/</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [Url(ErrorMessage = "GitOps:GitHub:ApiUrl must be an absolute http(s) URL")]
    public string ApiUrl { get; set; } = "https://api.github.com/";

    /// <summary>Repository owner; derived from <c>GitOps:Repository:RemoteUrl</c> when not set.</summary>
    public string? Owner { get; set; }

    /// <summary>Repository name; derived from <c>GitOps:Repository:RemoteUrl</c> when not set.</summary>
    public string? Repository { get; set; }

    /// <summary>Fills <see cref="Owner"/> and <see cref="Repository"/> from the remote URL when they are not set.</summary>
    public void DeriveFrom(string? remoteUrl)
    {
        if (!string.IsNullOrEmpty(Owner) && !string.IsNullOrEmpty(Repository)) return;
        if (GitHubRepositoryName.TryParse(remoteUrl, out var owner, out var name))
        {
            if (string.IsNullOrEmpty(Owner)) Owner = owner;
            if (string.IsNullOrEmpty(Repository)) Repository = name;
        }
    }
}
