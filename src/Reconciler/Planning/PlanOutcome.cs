namespace GitOps.Reconciler.Planning;

/// <summary>The outcome of asking for a plan. A closed set.</summary>
public abstract record PlanOutcome
{
    private PlanOutcome() { }

    public sealed record Planned(Plan Plan) : PlanOutcome;

    /// <summary>The base named is not a commit of the repository.</summary>
    public sealed record CommitNotFound(string Commit) : PlanOutcome;

    /// <summary>There is no branch <c>drafts/&lt;id&gt;</c>.</summary>
    public sealed record DraftNotFound(string Id) : PlanOutcome;

    /// <summary>A changed file's path cannot be a file of the repository.</summary>
    public sealed record InvalidPath(string Path, string Reason) : PlanOutcome;
}
