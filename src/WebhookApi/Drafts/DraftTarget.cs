namespace GitOps.WebhookApi.Drafts;

/// <summary><c>?draft=&lt;id&gt;</c> on the API: reads serve the draft's head, mutations commit to the draft's branch with
/// compare-and-swap on its head (docs/DRAFTS.md).</summary>
internal static class DraftTarget
{
    public const string Parameter = "draft";
    private const string SnapshotKey = "gitops.draft.snapshot";

    /// <summary>The draft the request names; null when it names none.</summary>
    public static string? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var value = http.Request.Query[Parameter].ToString();
        return value.Length == 0 ? null : value;
    }

    /// <summary>Reads the draft's head once per request (for <see cref="EntityTags.Snapshot"/>); the problem when the request
    /// names a draft that does not exist, or whose head is invalid.</summary>
    public static ProblemHttpResult? Resolve(HttpContext http)
    {
        if (Of(http) is not { } id || http.Items.ContainsKey(SnapshotKey)) return null;
        switch (http.RequestServices.GetRequiredService<GitConfigStore>().Drafts.ReadHead(id))
        {
            case null:
                return DraftProblems.NotFound(id);
            case SnapshotResult.Valid valid:
                http.Items[SnapshotKey] = valid.Snapshot;
                return null;
            case SnapshotResult.Invalid invalid:
                return Problems.Create(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ValidationFailed, "Draft head invalid",
                    $"The head of draft '{id}' is not a valid configuration",
                    new Dictionary<string, object?> { ["errors"] = invalid.Errors.Select(e => new { file = e.File, line = e.Line, column = e.Column, message = e.Message }).ToArray() });
            default:
                throw new InvalidOperationException("unmapped snapshot result");
        }
    }

    /// <summary>The draft head snapshot <see cref="Resolve"/> read for this request; null when it names no draft.</summary>
    public static ConfigSnapshot? Snapshot(HttpContext http) =>
        http.Items.TryGetValue(SnapshotKey, out var snapshot) ? snapshot as ConfigSnapshot : null;

    /// <summary>Why a mutation cannot go to the draft (unknown: 404, not Open: 409); null when it can.</summary>
    public static ProblemHttpResult? RefuseWrite(GitConfigStore store, string id) =>
        store.Drafts.RefuseWrite(id) is { } refused ? DraftProblems.For(refused) : null;
}
