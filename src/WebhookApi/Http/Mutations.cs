using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Observability;
using GitOps.WebhookApi.Audit;
using GitOps.WebhookApi.Auth;

namespace GitOps.WebhookApi.Http;

/// <summary>Runs one <see cref="Change"/> for an HTTP request: If-Match → expected head, caller → author,
/// <c>X-Change-Reason</c> → commit body, request id → trailer; then audits it and maps the outcome to a response.</summary>
internal sealed class Mutations(GitConfigStore store, ILogger<Mutations> logger)
{
    public const string ReasonHeader = "X-Change-Reason";

    /// <param name="success">Builds the success response from the snapshot after the change (also used for NoChange).</param>
    public async Task<IResult> ApplyAsync(HttpContext http, Change change, Func<ConfigSnapshot, bool, IResult> success)
    {
        var precondition = EntityTags.ParseIfMatch(http.Request);
        if (precondition.IsMissing)
        {
            return Problems.Create(StatusCodes.Status428PreconditionRequired, ProblemTypes.IfMatchRequired, "If-Match required",
                "Mutations need If-Match with the ETag of the state they were based on (GET it first), or If-Match: * to apply on whatever is current");
        }

        var author = http.User.Author();
        var requestId = RequestIds.Get(http);
        var reason = http.Request.Headers[ReasonHeader].ToString();
        var request = new MutationRequest(precondition.ExpectedHead, author, change.Summary,
            string.IsNullOrWhiteSpace(reason) ? null : reason, requestId, _ => new EditResult.Changes(System.Collections.Immutable.ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty));

        var before = store.Current.Head;
        var outcome = await change.Run(store, request, http.RequestAborted);
        var (oldHead, newHead) = outcome switch
        {
            MutationOutcome.Committed c => (c.PreviousHead, c.Head),
            MutationOutcome.NoChange n => (n.Head, n.Head),
            MutationOutcome.HeadMoved m => (m.Current, m.Current),
            _ => (before, before),
        };
        if (outcome is MutationOutcome.Committed) GitOpsMetrics.CountCommit(change.Action[(change.Action.LastIndexOf('.') + 1)..]);
        if (outcome is MutationOutcome.HeadMoved) GitOpsMetrics.CountConflict();
        AuditLog.Mutation(logger, change.Action, author.Name, change.Plugin, change.Source, oldHead, newHead, requestId, outcome.GetType().Name);
        return Respond(http, outcome, success);
    }

    private IResult Respond(HttpContext http, MutationOutcome outcome, Func<ConfigSnapshot, bool, IResult> success)
    {
        switch (outcome)
        {
            case MutationOutcome.Committed committed:
                EntityTags.Set(http.Response, committed.Head);
                return success(committed.Snapshot, true);
            case MutationOutcome.NoChange unchanged:
                EntityTags.Set(http.Response, unchanged.Head);
                return success(store.Current.Head == unchanged.Head ? store.Current : EntityTags.Snapshot(http), false);
            case MutationOutcome.HeadMoved moved:
                EntityTags.Set(http.Response, moved.Current);
                return Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.HeadMoved, "Head moved",
                    $"The configuration changed since you read it (you sent If-Match for {moved.Expected}, the head is now {moved.Current}); nothing was written. Re-read it (GET, new ETag), re-apply your change and retry with the new ETag in If-Match",
                    new Dictionary<string, object?> { ["currentHead"] = moved.Current, ["expectedHead"] = moved.Expected });
            case MutationOutcome.Invalid invalid:
                return Problems.ValidationFailed(invalid.Errors);
            case MutationOutcome.Rejected rejected:
                return rejected.Kind switch
                {
                    RejectionKind.NotFound => Problems.NotFound(rejected.Message),
                    RejectionKind.BadRequest => Problems.BadRequest(rejected.Message),
                    RejectionKind.AlreadyExists => Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.AlreadyExists, "Already exists", rejected.Message),
                    RejectionKind.Conflict => Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Conflict", rejected.Message),
                    _ => throw new InvalidOperationException($"unmapped rejection {rejected.Kind}"),
                };
            case MutationOutcome.Unavailable unavailable:
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StoreUnavailable, "Store unavailable",
                    $"The config repository cannot be written right now ({unavailable.Reason}); reads go on serving the last known good snapshot. Retry later");
            case MutationOutcome.StorageFailed { Fault: var fault }:
                return fault.Kind == StorageFaultKind.OutOfSpace
                    ? Problems.Create(StatusCodes.Status507InsufficientStorage, ProblemTypes.InsufficientStorage, "Out of space", $"The change was not written: {fault.Message}")
                    : Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StorageReadOnly, "Storage read-only", $"The change was not written: {fault.Message}");
            case MutationOutcome.Proposed proposed:
                return TypedResults.Accepted(proposed.PullRequestUrl, new { pullRequestUrl = proposed.PullRequestUrl, branch = proposed.Branch, commit = proposed.Commit });
            default:
                throw new InvalidOperationException($"unmapped mutation outcome {outcome.GetType().Name}");
        }
    }
}
