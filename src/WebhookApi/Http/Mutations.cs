using GitOps.Reconciler.Observability;
using GitOps.WebhookApi.Audit;

namespace GitOps.WebhookApi.Http;

/// <summary>Runs one <see cref="Change"/> for an HTTP request: If-Match → expected head, caller → author,
/// <c>X-Change-Reason</c> → commit body, request id → trailer; then audits it and maps the outcome to a response.</summary>
internal sealed class Mutations(GitConfigStore store, GitOpsMetrics metrics, ILogger<Mutations> logger)
{
    public const string ReasonHeader = "X-Change-Reason";

    /// <summary>The query parameter (<c>?confirm=remove-all-plugins</c>) that lets a change leave no plugin at all.</summary>
    public const string ConfirmParameter = "confirm";
    public const string ConfirmRemoveAll = "remove-all-plugins";

    /// <summary>On a 2xx change: <c>committed</c> when a commit was written, <c>unchanged</c> when the configuration already was as asked.</summary>
    public const string OutcomeHeader = "X-Change-Outcome";

    /// <param name="success">Builds the success response from the snapshot after the change (also used for NoChange).</param>
    /// <returns>The success result, 202 with the pull request in pull-request mode, or the problem.</returns>
    public async Task<Results<TSuccess, Accepted<ProposedChange>, ProblemHttpResult>> ApplyAsync<TSuccess>(HttpContext http, Change change, Func<ConfigSnapshot, bool, TSuccess> success)
        where TSuccess : IResult
    {
        // Grants before preconditions: a caller who may not make the change learns nothing about the head.
        var role = ChangeScope.RoleFor(change, PluginScopeFilter.RequiredRole(http));
        var scope = ChangeScope.Check(PluginScope.Of(http), role, change, store);
        if (scope.Grant is null)
        {
            PluginScopeFilter.Denied(http, role, scope.Plugin ?? change.Plugin, StatusCodes.Status403Forbidden);
            return Problems.Forbidden(scope.Refusal!);
        }

        var precondition = EntityTags.ParseIfMatch(http.Request);
        if (Refuse(precondition, "Mutations need If-Match with the ETag of the state they were based on (GET it first), or If-Match: * to apply on whatever is current") is { } problem)
            return problem;

        // ?draft=<id>: the commit goes to the draft's branch, If-Match names the draft's head (docs/DRAFTS.md).
        var draft = Drafts.DraftTarget.Of(http);
        if (draft is not null && Drafts.DraftTarget.RefuseWrite(store, draft) is { } refused) return refused;

        var reason = http.Request.Headers[ReasonHeader].ToString();
        var caller = new MutationCaller(precondition.ExpectedHead, http.User.Author() with { Grant = scope.Grant.ToString() }, RequestIds.Get(http), string.IsNullOrWhiteSpace(reason) ? null : reason,
            http.Request.Query[ConfirmParameter].ToString() == ConfirmRemoveAll) { Draft = draft };
        var outcome = await RunAsync(change, caller, http.RequestAborted);
        return Respond(http, outcome, success);
    }

    /// <summary>The problem for an If-Match a write cannot use: missing (428, saying <paramref name="whenMissing"/>) or never
    /// matching (400); null when it names a head or <c>*</c>.</summary>
    public static ProblemHttpResult? Refuse(Precondition precondition, string whenMissing)
    {
        ArgumentNullException.ThrowIfNull(precondition);
        if (precondition.IsMissing)
            return Problems.Create(StatusCodes.Status428PreconditionRequired, ProblemTypes.IfMatchRequired, "If-Match required", whenMissing);
        return precondition.Problem is { } problem
            ? Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, "If-Match never matches", problem,
                new Dictionary<string, object?> { ["header"] = "If-Match" })
            : null;
    }

    /// <summary>Runs a change for any API (REST, GraphQL): the commit, the metrics and the audit event; the caller maps the outcome.</summary>
    public async Task<MutationOutcome> RunAsync(Change change, MutationCaller caller, CancellationToken cancellationToken)
    {
        var request = new MutationRequest(caller.ExpectedHead, caller.Author, change.Summary, caller.Reason, caller.RequestId,
            _ => new EditResult.Changes(System.Collections.Immutable.ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty),
            ConfirmRemovingEveryPlugin: caller.ConfirmRemovingEveryPlugin) { Draft = caller.Draft };

        var before = store.Current.Head;
        var outcome = await change.Run(store, request, cancellationToken);
        var (oldHead, newHead) = outcome switch
        {
            MutationOutcome.Committed c => (c.PreviousHead, c.Head),
            MutationOutcome.NoChange n => (n.Head, n.Head),
            MutationOutcome.HeadMoved m => (m.Current, m.Current),
            _ => (before, before),
        };
        if (outcome is MutationOutcome.Committed) metrics.CountCommit(change.Action[(change.Action.LastIndexOf('.') + 1)..]);
        if (outcome is MutationOutcome.HeadMoved) metrics.CountConflict();
        AuditLog.Mutation(logger, change.Action, caller.Author.Name, caller.Author.Grant ?? "(none)", change.Plugin, change.Source, oldHead, newHead, caller.RequestId, outcome.GetType().Name);
        return outcome;
    }

    /// <summary>The problem a failed outcome answers with; null for the outcomes that succeeded (committed, no change, proposed).</summary>
    public static ProblemHttpResult? Problem(MutationOutcome outcome) => outcome switch
    {
        MutationOutcome.Committed or MutationOutcome.NoChange or MutationOutcome.Proposed => null,
        MutationOutcome.HeadMoved moved => Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.HeadMoved, "Head moved",
            $"The configuration changed since you read it (you sent If-Match for {moved.Expected}, the head is now {moved.Current}); nothing was written. Re-read it (GET, new ETag), re-apply your change and retry with the new ETag in If-Match",
            new Dictionary<string, object?> { ["currentHead"] = moved.Current, ["expectedHead"] = moved.Expected }),
        MutationOutcome.Invalid invalid => Problems.ValidationFailed(invalid.Errors),
        MutationOutcome.Rejected rejected => rejected.Kind switch
        {
            RejectionKind.NotFound => Problems.NotFound(rejected.Message),
            RejectionKind.BadRequest => Problems.BadRequest(rejected.Message),
            RejectionKind.AlreadyExists => Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.AlreadyExists, "Already exists", rejected.Message),
            RejectionKind.Conflict => Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Conflict", rejected.Message),
            RejectionKind.ConfirmationRequired => Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.ConfirmationRequired, "Confirmation required",
                $"{rejected.Message}. To do it anyway, repeat the request with ?{ConfirmParameter}={ConfirmRemoveAll}",
                new Dictionary<string, object?> { ["parameter"] = ConfirmParameter, ["value"] = ConfirmRemoveAll }),
            _ => throw new InvalidOperationException($"unmapped rejection {rejected.Kind}"),
        },
        MutationOutcome.Unavailable unavailable => Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StoreUnavailable, "Store unavailable",
            $"The config repository cannot be written right now ({unavailable.Reason}); reads go on serving the last known good snapshot. Retry later"),
        MutationOutcome.StorageFailed { Fault: var fault } => fault.Kind == StorageFaultKind.OutOfSpace
            ? Problems.Create(StatusCodes.Status507InsufficientStorage, ProblemTypes.InsufficientStorage, "Out of space", $"The change was not written: {fault.Message}")
            : Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StorageReadOnly, "Storage read-only", $"The change was not written: {fault.Message}"),
        _ => throw new InvalidOperationException($"unmapped mutation outcome {outcome.GetType().Name}"),
    };

    private Results<TSuccess, Accepted<ProposedChange>, ProblemHttpResult> Respond<TSuccess>(HttpContext http, MutationOutcome outcome, Func<ConfigSnapshot, bool, TSuccess> success)
        where TSuccess : IResult
    {
        switch (outcome)
        {
            case MutationOutcome.Committed committed:
                EntityTags.Set(http.Response, committed.Head);
                http.Response.Headers[OutcomeHeader] = "committed";
                return success(committed.Snapshot, true);
            case MutationOutcome.NoChange unchanged:
                EntityTags.Set(http.Response, unchanged.Head);
                http.Response.Headers[OutcomeHeader] = "unchanged";
                // One read of the store: the body must come from the head the ETag names.
                var current = store.Current;
                return success(current.Head == unchanged.Head ? current : EntityTags.Snapshot(http), false);
            case MutationOutcome.Proposed proposed:
                return TypedResults.Accepted(proposed.PullRequestUrl, new ProposedChange(proposed.PullRequestUrl, proposed.Branch, proposed.Commit));
            default:
                if (outcome is MutationOutcome.HeadMoved moved) EntityTags.Set(http.Response, moved.Current);
                return Problem(outcome)!;
        }
    }
}

/// <summary>Who asks for a change and on which head: <see cref="ExpectedHead"/> null means any head (<c>If-Match: *</c>).</summary>
/// <param name="ConfirmRemovingEveryPlugin">The caller confirmed a change that leaves no plugin at all (<c>?confirm=remove-all-plugins</c>).</param>
internal sealed record MutationCaller(string? ExpectedHead, CommitAuthor Author, string RequestId, string? Reason, bool ConfirmRemovingEveryPlugin = false)
{
    /// <summary>The draft the change goes to (<c>?draft=</c>); null: the tracked branch.</summary>
    public string? Draft { get; init; }
}

/// <summary>202 in pull-request mode (DESIGN §3): the change waits in a pull request instead of a commit on the branch.</summary>
internal sealed record ProposedChange(string PullRequestUrl, string Branch, string Commit);
