using GitOps.Reconciler.GitHub;
using Microsoft.Extensions.Options;
using Octokit;

namespace GitOps.Reconciler.Git.Remote;

/// <summary>The outcome of opening a pull request. A closed set.</summary>
public abstract record ProposalResult
{
    private ProposalResult() { }

    public sealed record Opened(string Url, int Number) : ProposalResult;

    public sealed record Failed(string Reason) : ProposalResult;
}

/// <summary>Pull-request mode for API writes (DESIGN §3, <c>GitOps:Mutations:Mode=PullRequest</c>): names the branch a
/// mutation goes to and opens the pull request against the tracked branch through Octokit. The token is never logged.</summary>
public sealed partial class PullRequestProposer(IGitHubClient client, IOptions<GitHubOptions> options, ILogger<PullRequestProposer> logger)
{
    public const string BranchPrefix = "gitops/";
    private const int MaxSlugLength = 40;

    /// <summary>The option that is missing for pull-request mode, or null when it can run.</summary>
    public string? MissingOption() => options.Value switch
    {
        { Token: null or "" } => "GitOps:GitHub:Token",
        { Owner: null or "" } => "GitOps:GitHub:Owner (or a GitHub-style GitOps:Repository:RemoteUrl)",
        { Repository: null or "" } => "GitOps:GitHub:Repository (or a GitHub-style GitOps:Repository:RemoteUrl)",
        _ => null,
    };

    /// <summary><c>gitops/&lt;summary-slug&gt;-&lt;short-sha&gt;</c>, e.g. <c>gitops/models-disable-source-organization-ai-models-1a2b3c4</c>.</summary>
    public static string BranchName(string summary, string commit)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrEmpty(commit);
        var slug = new StringBuilder();
        foreach (var c in summary.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= MaxSlugLength) break;
        }
        var name = slug.ToString().Trim('-');
        return $"{BranchPrefix}{(name.Length == 0 ? "change" : name)}-{commit[..Math.Min(7, commit.Length)]}";
    }

    public async Task<ProposalResult> OpenAsync(string branch, string baseBranch, string title, string body, CancellationToken cancellationToken)
    {
        var github = options.Value;
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var pr = await client.PullRequest.Create(github.Owner, github.Repository, new NewPullRequest(title, branch, baseBranch) { Body = body });
            LogOpened(pr.Number, branch, baseBranch);
            return new ProposalResult.Opened(pr.HtmlUrl, pr.Number);
        }
        catch (ApiException ex)
        {
            LogRefused((int)ex.StatusCode, ex.Message, branch);
            return new ProposalResult.Failed($"GitHub refused the pull request for {branch}: {(int)ex.StatusCode} {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex, branch);
            return new ProposalResult.Failed($"the GitHub API could not be reached to open the pull request for {branch}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened pull request #{Number} from {Branch} into {BaseBranch}")] private partial void LogOpened(int number, string branch, string baseBranch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub refused the pull request for {Branch}: {StatusCode} {Reason}")] private partial void LogRefused(int statusCode, string reason, string branch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub API unreachable while opening the pull request for {Branch}")] private partial void LogUnreachable(Exception exception, string branch);
}
