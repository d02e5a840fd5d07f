using Microsoft.Extensions.Options;
using Octokit;

namespace GitOps.Reconciler.GitHub;

/// <summary>Reports a validation on GitHub: a commit status <c>gitops/validate</c> on the head and one pull-request
/// comment, found by <see cref="SummaryComment.Marker"/> and updated on later pushes rather than duplicated.</summary>
/// <remarks>Reporting failures (GitHub unreachable, token without rights) are logged and swallowed: the next
/// push reports again. The token is never logged.</remarks>
public sealed partial class GitHubPullRequestReporter(IGitHubClient client, IOptions<GitHubOptions> options, ILogger<GitHubPullRequestReporter> logger)
{
    public const string StatusContext = "gitops/validate";

    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.Token);

    /// <summary>Marks the head as being validated.</summary>
    public Task ReportPendingAsync(PullRequestRef pullRequest, CancellationToken cancellationToken) =>
        RunAsync(pullRequest, "pending status", () => client.Repository.Status.Create(
            pullRequest.Owner, pullRequest.Repository, pullRequest.HeadSha,
            new NewCommitStatus { State = CommitState.Pending, Context = StatusContext, Description = "Validating the config repository" }), cancellationToken);

    public async Task ReportAsync(PullRequestValidation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var pr = validation.PullRequest;
        var state = validation switch
        {
            PullRequestValidation.Validated { Summary.IsValid: true } => CommitState.Success,
            PullRequestValidation.Validated => CommitState.Failure,
            _ => CommitState.Error,
        };
        await RunAsync(pr, "status", () => client.Repository.Status.Create(
            pr.Owner, pr.Repository, pr.HeadSha,
            new NewCommitStatus { State = state, Context = StatusContext, Description = SummaryComment.Description(validation) }), cancellationToken);
        await RunAsync(pr, "comment", () => UpsertCommentAsync(pr, SummaryComment.Render(validation)), cancellationToken);
    }

    private async Task UpsertCommentAsync(PullRequestRef pr, string body)
    {
        var comments = await client.Issue.Comment.GetAllForIssue(pr.Owner, pr.Repository, pr.Number);
        var ours = comments.FirstOrDefault(c => c.Body?.Contains(SummaryComment.Marker, StringComparison.Ordinal) == true);
        if (ours is null) await client.Issue.Comment.Create(pr.Owner, pr.Repository, pr.Number, body);
        else if (ours.Body != body) await client.Issue.Comment.Update(pr.Owner, pr.Repository, ours.Id, body);
    }

    private async Task RunAsync(PullRequestRef pr, string what, Func<Task> call, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            LogNotConfigured(what, pr);
            return;
        }
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await call();
        }
        catch (ApiException ex)
        {
            LogApiFailed(what, pr, (int)ex.StatusCode, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex, what, pr);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub token not configured (GitOps:GitHub:Token); {What} for {PullRequest} not reported")]
    private partial void LogNotConfigured(string what, PullRequestRef pullRequest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub refused the {What} for {PullRequest}: {StatusCode} {Reason}")]
    private partial void LogApiFailed(string what, PullRequestRef pullRequest, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub unreachable while reporting the {What} for {PullRequest}")]
    private partial void LogUnreachable(Exception exception, string what, PullRequestRef pullRequest);
}
