using GitOps.Reconciler.Git.Drafts;

namespace GitOps.WebhookApi.Drafts;

/// <summary>The answers of draft outcomes that did not succeed, each a ProblemDetails with a stable type (docs/DRAFTS.md).</summary>
internal static class DraftProblems
{
    public const string InvalidName = ProblemTypes.Prefix + "invalid-draft-name";
    public const string Exists = ProblemTypes.Prefix + "draft-exists";
    public const string NotFoundType = ProblemTypes.Prefix + "draft-not-found";
    public const string Closed = ProblemTypes.Prefix + "draft-closed";
    public const string SelfApproval = ProblemTypes.Prefix + "self-approval";
    public const string ApprovalsMissing = ProblemTypes.Prefix + "approvals-missing";
    public const string Conflict = ProblemTypes.Prefix + "draft-conflict";
    public const string Empty = ProblemTypes.Prefix + "draft-empty";
    public const string PreconditionFailed = ProblemTypes.Prefix + "precondition-failed";

    public static ProblemHttpResult NotFound(string id) =>
        Problems.Create(StatusCodes.Status404NotFound, NotFoundType, "Draft not found", $"There is no draft '{id}'", Id(id));

    /// <summary>The problem of an outcome that did not succeed; null for <see cref="DraftOutcome.Done"/> and
    /// <see cref="DraftOutcome.Published"/>, and for a store outcome that succeeded.</summary>
    public static ProblemHttpResult? For(DraftOutcome outcome) => outcome switch
    {
        DraftOutcome.Done or DraftOutcome.Published => null,
        DraftOutcome.NotFound missing => NotFound(missing.Id),
        DraftOutcome.Exists exists => Problems.Create(StatusCodes.Status409Conflict, Exists, "Draft exists",
            $"The name '{exists.Id}' is taken by a draft (in any state) or a branch; choose another name", Id(exists.Id)),
        DraftOutcome.InvalidName invalid => Problems.Create(StatusCodes.Status400BadRequest, InvalidName, "Invalid draft name",
            $"'{invalid.Name}' cannot name a draft: {invalid.Reason}", new Dictionary<string, object?> { ["name"] = invalid.Name }),
        DraftOutcome.UnknownBase unknown => Problems.InvalidRequest([new ValidationError("", 0, 0, "base", $"'{unknown.Base}' is not a commit of the config repository")]),
        DraftOutcome.Closed closed => Problems.Create(StatusCodes.Status409Conflict, Closed, "Draft closed",
            $"Draft '{closed.Draft.Id}' is {closed.Draft.Record.State}; only an Open draft can change, be approved or be published. Nothing was written",
            new Dictionary<string, object?> { ["id"] = closed.Draft.Id, ["state"] = closed.Draft.Record.State.ToString() }),
        DraftOutcome.Forbidden { SelfApproval: true } self => Problems.Create(StatusCodes.Status403Forbidden, SelfApproval, "Self-approval", self.Reason),
        DraftOutcome.Forbidden forbidden => Problems.Forbidden(forbidden.Reason),
        DraftOutcome.Stale stale => Problems.Create(StatusCodes.Status409Conflict, PreconditionFailed, "Precondition failed",
            $"The draft changed since you read it (you sent If-Match for {stale.Expected}, its head is now {stale.Current}); nothing was written. GET the draft and retry with its ETag",
            new Dictionary<string, object?> { ["currentHead"] = stale.Current, ["expectedHead"] = stale.Expected }),
        DraftOutcome.ApprovalsMissing missing => Problems.Create(StatusCodes.Status403Forbidden, ApprovalsMissing, "Approvals missing",
            $"The draft needs {missing.Required} approval(s) at its current head and is {missing.Missing} short; nothing was written",
            new Dictionary<string, object?> { ["missing"] = missing.Missing, ["required"] = missing.Required }),
        DraftOutcome.Conflict conflict => Problems.Create(StatusCodes.Status409Conflict, Conflict, "Draft conflict",
            $"The tracked branch changed {string.Join(", ", conflict.Files)} since the draft's base, and the draft changes them too; nothing was written. Redo the draft on the new head",
            new Dictionary<string, object?> { ["files"] = conflict.Files.ToArray(), ["draftHead"] = conflict.DraftHead, ["branchHead"] = conflict.BranchHead }),
        DraftOutcome.Empty empty => Problems.Create(StatusCodes.Status409Conflict, Empty, "Draft changes nothing",
            $"Draft '{empty.Id}' changes nothing against the tracked head; nothing was written", Id(empty.Id)),
        DraftOutcome.Failed failed => Mutations.Problem(failed.Outcome),
        _ => throw new InvalidOperationException($"unmapped draft outcome {outcome.GetType().Name}"),
    };

    private static Dictionary<string, object?> Id(string id) => new() { ["id"] = id };
}
