namespace GitOps.Reconciler.Git;

/// <summary>What <see cref="StoreWriter.Compose"/> produced. A closed set.</summary>
internal abstract record Composition
{
    private Composition() { }

    /// <summary>Nothing written: the outcome says why (refused, invalid, no change).</summary>
    public sealed record Refused(MutationOutcome Outcome) : Composition;

    /// <summary>The commit is written and durable, on no ref yet.</summary>
    public sealed record Made(string Commit, ConfigSnapshot Snapshot, DateTimeOffset When) : Composition;
}
