namespace GitOps.Reconciler.Configuration;

/// <summary>The outcome of building a snapshot from a tree: a valid snapshot or the full list of errors.</summary>
public abstract record SnapshotResult
{
    private SnapshotResult() { }

    public sealed record Valid(ConfigSnapshot Snapshot) : SnapshotResult;

    public sealed record Invalid(ImmutableArray<ValidationError> Errors) : SnapshotResult;
}
