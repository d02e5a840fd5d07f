using GitOps.Reconciler.GitHub;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>Handles verified GitLab deliveries by event (<c>X-Gitlab-Event</c>): <c>Push Hook</c> and <c>Merge Request Hook</c>.</summary>
internal sealed class GitLabWebhook(IOptions<RepositoryOptions> repository, TrackedBranchPush push, PullRequestQueue pullRequests)
{
    public WebhookResult Handle(string? eventName, byte[] body) =>
        WebhookEvents.Dispatch(eventName, "X-Gitlab-Event", name => name switch
        {
            "Push Hook" => Push(JsonSerializer.Deserialize<GitLabPayloads.Push>(body, GitHubPayloads.Json)),
            "Merge Request Hook" => MergeRequest(JsonSerializer.Deserialize<GitLabPayloads.MergeRequestEvent>(body, GitHubPayloads.Json)),
            _ => null,
        });

    private WebhookResult MergeRequest(GitLabPayloads.MergeRequestEvent? e)
    {
        var mr = e?.ObjectAttributes;
        if (mr?.Action is not { } action || mr.LastCommit?.Id is not { } headSha || mr.TargetBranch is not { } target)
            return new WebhookResult.BadRequest("Merge Request Hook payload lacks object_attributes.action, last_commit.id or target_branch");
        if (WebhookEvents.NotValidated("merge request", "merge request", action, ValidatedActions, target, repository.Value.Branch) is { } skipped) return skipped;
        var path = e!.Project?.PathWithNamespace ?? "";
        var slash = path.LastIndexOf('/');
        pullRequests.Enqueue(new PullRequestRef(
            ReviewProvider.GitLab, slash > 0 ? path[..slash] : e.Project?.Namespace ?? "", e.Project?.Name ?? path[(slash + 1)..], mr.Iid,
            headSha, mr.SourceBranch ?? "", target, BaseSha: null, mr.Source?.GitHttpUrl, mr.Target?.GitHttpUrl ?? e.Project?.GitHttpUrl));
        return new WebhookResult.Accepted($"merge request !{mr.Iid} ({action}): validation of {PullRequestRef.ShortSha(headSha)} queued");
    }

    private WebhookResult Push(GitLabPayloads.Push? payload) =>
        push.Handle("gitlab", payload?.Ref, payload?.After, "Push Hook payload has no ref");

    /// <summary>The merge request actions that ask for a validation (GitLab's <c>object_attributes.action</c>).</summary>
    private static readonly string[] ValidatedActions = ["open", "update", "reopen"];
}
