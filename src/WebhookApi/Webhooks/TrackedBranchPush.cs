using GitOps.Reconciler.GitHub;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>The push rule every provider shares: a push to the tracked branch asks for fetch + reconcile;
/// tags and other branches are acknowledged and ignored.</summary>
internal sealed class TrackedBranchPush(IOptions<RepositoryOptions> repository, ReconcileTrigger trigger)
{
    private const string BranchPrefix = "refs/heads/";

    public WebhookResult Handle(string provider, string? pushedRef, string? after, string missingRefMessage)
    {
        if (pushedRef is not { Length: > 0 }) return new WebhookResult.BadRequest(missingRefMessage);
        if (!pushedRef.StartsWith(BranchPrefix, StringComparison.Ordinal)) return new WebhookResult.Ignored($"ignored: {pushedRef} is not a branch");
        var branch = pushedRef[BranchPrefix.Length..];
        var tracked = repository.Value.Branch;
        if (branch != tracked) return new WebhookResult.Ignored($"ignored: branch {branch} is not tracked (tracking {tracked})");
        trigger.Request(new ReconcileRequest($"{provider} push {PullRequestRef.ShortSha(after ?? "")}".TrimEnd(), Fetch: true));
        return new WebhookResult.Accepted($"push to {branch}: fetch and reconcile requested");
    }
}
