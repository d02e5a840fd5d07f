using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git.Drafts;

public sealed partial class DraftStore
{
    /// <summary>Why a mutation cannot go to draft <paramref name="id"/>: <see cref="DraftOutcome.NotFound"/> or
    /// <see cref="DraftOutcome.Closed"/>; null when the draft is Open.</summary>
    public DraftOutcome? RefuseWrite(string id) => _repository.Use<DraftOutcome?>(repo => _refs.Read(repo, id) switch
    {
        null => new DraftOutcome.NotFound(id),
        { Record.State: DraftState.Open } => null,
        var closed => new DraftOutcome.Closed(Info(repo, closed.Record)),
    });

    /// <summary>A mutation request on draft <paramref name="id"/> (see <see cref="WriteAsync"/>).</summary>
    internal Task<MutationOutcome> MutateAsync(string id, MutationRequest request)
    {
        var message = CommitMessage.Format(request.Summary, request.Reason, request.RequestId, request.Author, request.Trailers);
        return WriteAsync(id, request.ExpectedHead, request.Author, message, (_, _, snapshot) => request.Edit(snapshot), request.ConfirmRemovingEveryPlugin);
    }

    /// <summary>Writes one edit as one commit on the draft's branch, with compare-and-swap on the draft head: validated like
    /// any commit, but nothing is reconciled, pushed or served (<see cref="GitConfigStore.Current"/> stays).</summary>
    /// <param name="expectedHead">The draft head the caller read (If-Match); null: whatever it is now.</param>
    internal Task<MutationOutcome> WriteAsync(
        string id, string? expectedHead, CommitAuthor author, string message,
        Func<Repository, Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin) =>
        Task.FromResult(_writer.Guarded<MutationOutcome>(() => _repository.Use<MutationOutcome>(repo =>
        {
            if (_refs.Read(repo, id) is not { Record.State: var state }) return new MutationOutcome.Rejected(RejectionKind.NotFound, $"draft '{id}' does not exist");
            if (state != DraftState.Open) return new MutationOutcome.Rejected(RejectionKind.Conflict, $"draft '{id}' is {state}; only an Open draft can change");
            var branch = _refs.Ref(DraftRefs.BranchRef(id));
            var headId = branch.Read() ?? throw new InvalidOperationException($"draft '{id}' is Open but its branch {DraftRefs.BranchRef(id)} is gone");
            if (expectedHead is not null && !string.Equals(expectedHead, headId, StringComparison.OrdinalIgnoreCase))
                return new MutationOutcome.HeadMoved(headId, expectedHead);
            var head = repo.Lookup<Commit>(headId) ?? throw new InvalidOperationException($"draft '{id}' points at {headId}, which is not a commit");
            var composed = _writer.Compose(repo, head, author, message, edit, confirmRemovingEveryPlugin);
            if (composed is not Composition.Made made) return ((Composition.Refused)composed).Outcome;
            var moved = branch.TryUpdate(headId, made.Commit, new ReflogIdentity(author.Name, author.Email, made.When), $"gitops: {message.Split('\n')[0]}");
            if (moved is not RefUpdate.Updated) return new MutationOutcome.HeadMoved(branch.Read() ?? "", headId);
            LogDraftCommitted(id, made.Commit, headId);
            return new MutationOutcome.Committed(made.Commit, headId, made.Snapshot);
        }), failed => failed));

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId}: committed {Head} on {PreviousHead}")]
    private partial void LogDraftCommitted(string draftId, string head, string previousHead);
}
