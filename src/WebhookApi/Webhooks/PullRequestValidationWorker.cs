using GitOps.Reconciler.GitHub;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>Validates queued pull requests one at a time, off the request thread, and reports the result
/// (GitHub: commit status + comment through Octokit; GitLab: logged, no API client is configured for it).</summary>
internal sealed partial class PullRequestValidationWorker(
    PullRequestQueue queue,
    PullRequestValidator validator,
    GitHubPullRequestReporter reporter,
    ILogger<PullRequestValidationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var pullRequest in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (queue.IsSuperseded(pullRequest))
            {
                LogSuperseded(pullRequest);
                continue;
            }
            try
            {
                await ValidateAsync(pullRequest, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or LibGit2Sharp.LibGit2SharpException)
            {
                LogFailed(ex, pullRequest);
            }
            finally
            {
                queue.Done(pullRequest);
            }
        }
    }

    private async Task ValidateAsync(PullRequestRef pullRequest, CancellationToken cancellationToken)
    {
        var github = pullRequest.Provider == ReviewProvider.GitHub;
        if (github) await reporter.ReportPendingAsync(pullRequest, cancellationToken);
        var validation = await validator.ValidateAsync(pullRequest, cancellationToken);
        if (github)
        {
            await reporter.ReportAsync(validation, cancellationToken);
            return;
        }
        var result = SummaryComment.Description(validation);
        LogResult(pullRequest, result);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped {PullRequest}: a newer head is queued")]
    private partial void LogSuperseded(PullRequestRef pullRequest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merge request {PullRequest}: {Result}")]
    private partial void LogResult(PullRequestRef pullRequest, string result);

    [LoggerMessage(Level = LogLevel.Error, Message = "Validation of {PullRequest} failed")]
    private partial void LogFailed(Exception exception, PullRequestRef pullRequest);
}
