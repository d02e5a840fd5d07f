using GitOps.Reconciler.GitHub;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>Handles verified GitHub deliveries by event (<c>X-GitHub-Event</c>): <c>ping</c>, <c>push</c>, <c>pull_request</c>.</summary>
internal sealed class GitHubWebhook(IOptions<RepositoryOptions> repository, TrackedBranchPush push, PullRequestQueue pullRequests)
{
    private static readonly string[] ValidatedActions = ["opened", "synchronize", "reopened"];

    public WebhookResult Handle(string? eventName, byte[] body) =>
        WebhookEvents.Dispatch(eventName, "X-GitHub-Event", name => name switch
        {
            "ping" => new WebhookResult.Pong("pong"),
            "push" => Push(JsonSerializer.Deserialize<GitHubPayloads.Push>(body, GitHubPayloads.Json)),
            "pull_request" => PullRequest(JsonSerializer.Deserialize<GitHubPayloads.PullRequestEvent>(body, GitHubPayloads.Json)),
            _ => null,
        });

    private WebhookResult Push(GitHubPayloads.Push? payload) =>
        push.Handle("github", payload?.Ref, payload?.After, "push payload has no ref");

    private WebhookResult PullRequest(GitHubPayloads.PullRequestEvent? e)
    {
        var pr = e?.PullRequest;
        if (e?.Action is not { } action || pr?.Head?.Sha is not { } headSha || pr.Base?.Ref is not { } baseRef || e.Repository is not { } repo)
            return new WebhookResult.BadRequest("pull_request payload lacks action, pull_request.head.sha, pull_request.base.ref or repository");
        if (WebhookEvents.NotValidated("pull_request", "pull request", action, ValidatedActions, baseRef, repository.Value.Branch) is { } skipped) return skipped;
        var owner = repo.Owner?.Login ?? repo.FullName?.Split('/')[0];
        if (owner is null || repo.Name is null) return new WebhookResult.BadRequest("pull_request payload lacks repository.owner.login or repository.name");
        var number = e.Number != 0 ? e.Number : pr.Number;
        pullRequests.Enqueue(new PullRequestRef(
            ReviewProvider.GitHub, owner, repo.Name, number, headSha, pr.Head.Ref ?? "", baseRef, pr.Base.Sha,
            pr.Head.Repo?.CloneUrl, pr.Base.Repo?.CloneUrl ?? repo.CloneUrl));
        return new WebhookResult.Accepted($"pull request #{number} ({action}): validation of {PullRequestRef.ShortSha(headSha)} queued");
    }
}
