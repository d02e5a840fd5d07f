namespace GitOps.WebhookApi.Http;

/// <summary>One mutation as the API describes it: what it is (for the audit event), the commit summary, and how to run it.</summary>
/// <param name="Action">A short verb for the audit event, e.g. <c>source.disable</c>.</param>
/// <param name="Source">The source id, or empty when the change is not about one source.</param>
/// <param name="Run">Runs the change on the store for the given request template (expected head, author, reason, request id).</param>
internal sealed record Change(
    string Action,
    string Plugin,
    string Source,
    string Summary,
    Func<GitConfigStore, MutationRequest, CancellationToken, Task<MutationOutcome>> Run)
{
    /// <summary>For a change not about one <see cref="Plugin"/> (a revert): the plugins it touches, which the caller's grants
    /// must all cover (<see cref="Auth.ChangeScope"/>). Null or empty: the change needs a grant on every plugin.</summary>
    public Func<GitConfigStore, IReadOnlyCollection<string>?>? Touches { get; init; }

    /// <summary>A change made by a pure edit of the snapshot at the expected head.</summary>
    public static Change Edit(string action, string plugin, string source, string summary, Func<ConfigSnapshot, EditResult> edit) =>
        new(action, plugin, source, summary,
            (store, request, ct) => store.MutateAsync(request with { Edit = edit }, ct));
}
