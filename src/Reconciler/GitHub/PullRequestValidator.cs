using GitOps.Reconciler.Git;
using GitOps.Reconciler.Secrets;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.GitHub;

/// <summary>Validates a pull request head with the same validator the API uses and summarises it against its base.</summary>
/// <remarks>The head is fetched from the configured remote (<c>Repository:RemoteUrl</c>, with its credentials) by the
/// provider's pull-request ref, or, when that fails, by branch from the head repository named in the payload (a fork;
/// no credentials). The base is the merge base of the head with the target branch, so changes merged into the target
/// after the pull request branched are not shown as the pull request's.</remarks>
public sealed partial class PullRequestValidator(
    GitConfigStore store,
    SnapshotBuilder builder,
    IOptions<RepositoryOptions> repository,
    ILogger<PullRequestValidator> logger,
    SecretCipher? secrets = null,
    Planning.Planner? planner = null)
{
    public async Task<PullRequestValidation> ValidateAsync(PullRequestRef pullRequest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        var remote = !string.IsNullOrEmpty(repository.Value.RemoteUrl) ? repository.Value.RemoteUrl : pullRequest.BaseCloneUrl;
        if (string.IsNullOrEmpty(remote))
            return new PullRequestValidation.NotFetched(pullRequest, "no remote to fetch from: set GitOps:Repository:RemoteUrl");

        var head = await FetchHeadAsync(remote, pullRequest, cancellationToken);
        if (head is CommitFetch.Failed failed) return new PullRequestValidation.NotFetched(pullRequest, failed.Reason);
        var headFiles = store.FilesAt(pullRequest.HeadSha);
        if (headFiles is null)
            return new PullRequestValidation.NotFetched(pullRequest, $"commit {PullRequestRef.ShortSha(pullRequest.HeadSha)} is not on the fetched pull request head");

        var baseSha = await ResolveBaseAsync(remote, pullRequest, cancellationToken);
        var baseFiles = baseSha is null ? null : store.FilesAt(baseSha);
        baseFiles ??= System.Collections.Immutable.ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>.Empty;

        // Through the store's tree-id cache: plugin folders the base shares with the tracked branch are not rebuilt.
        var headResult = store.ReadAt(pullRequest.HeadSha);
        var baseResult = baseSha is null ? builder.Build(baseFiles) : store.ReadAt(baseSha);
        var summary = ChangeSummaryBuilder.Compare(baseSha ?? "", baseFiles, baseResult, pullRequest.HeadSha, headFiles, headResult, builder.Limits);
        // The same verdict the reconcile pass would reach once merged (signed commits): a failure is the first error.
        if (store.VerifyCommit(pullRequest.HeadSha) is { } unverified)
            summary = summary with { Errors = [new ValidationError($"commit {PullRequestRef.ShortSha(unverified.Commit)}", 0, 0, "signature", unverified.Reason + (unverified.KeyId is null ? "" : $" (key {unverified.KeyId})")), .. summary.Errors] };
        // Secret values (envelopes, or age files from contributors without the key) must decrypt here before they merge.
        if (secrets is not null && headResult is SnapshotResult.Valid validHead && SecretCheck.Verify(validHead.Snapshot, secrets) is { IsEmpty: false } secretErrors)
            summary = summary with { Errors = summary.Errors.AddRange(secretErrors) };
        LogValidated(pullRequest, summary.IsValid, summary.Errors.Length, summary.Sources.Length);
        // The plan compares the same two commits and counts entities with the dry-run loader (nothing is applied).
        var plan = planner is not null && baseSha is not null
            && await planner.PlanCommitsAsync(baseSha, pullRequest.HeadSha, cancellationToken) is Planning.PlanOutcome.Planned planned ? planned.Plan : null;
        return new PullRequestValidation.Validated(pullRequest, summary) { Plan = plan };
    }

    private async Task<CommitFetch> FetchHeadAsync(string remote, PullRequestRef pullRequest, CancellationToken cancellationToken)
    {
        var fetched = await store.FetchForReviewAsync(remote, pullRequest.ProviderHeadRef, cancellationToken);
        if (fetched is CommitFetch.Fetched && store.HasCommit(pullRequest.HeadSha)) return fetched;
        if (string.IsNullOrEmpty(pullRequest.HeadRef)) return fetched;
        var headRemote = !string.IsNullOrEmpty(pullRequest.HeadCloneUrl) ? pullRequest.HeadCloneUrl : remote;
        var byBranch = await store.FetchForReviewAsync(headRemote, $"refs/heads/{pullRequest.HeadRef}", cancellationToken);
        return byBranch is CommitFetch.Fetched ? byBranch : fetched is CommitFetch.Failed first
            ? new CommitFetch.Failed($"{first.Reason}; {((CommitFetch.Failed)byBranch).Reason}")
            : byBranch;
    }

    private async Task<string?> ResolveBaseAsync(string remote, PullRequestRef pullRequest, CancellationToken cancellationToken)
    {
        var tip = await store.FetchForReviewAsync(remote, $"refs/heads/{pullRequest.BaseRef}", cancellationToken) is CommitFetch.Fetched fetched
            ? fetched.Sha
            : pullRequest.BaseSha;
        if (tip is null) return null;
        return store.MergeBase(pullRequest.HeadSha, tip) ?? tip;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Validated pull request {PullRequest}: valid {Valid}, {ErrorCount} errors, {SourceChanges} source changes")]
    private partial void LogValidated(PullRequestRef pullRequest, bool valid, int errorCount, int sourceChanges);
}
