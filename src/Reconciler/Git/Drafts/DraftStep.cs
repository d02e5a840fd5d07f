namespace GitOps.Reconciler.Git.Drafts;

/// <summary>One step of a draft operation: the value it goes on with, or the outcome that ends the operation.</summary>
internal readonly record struct DraftStep<T>(T? Value, DraftOutcome? Outcome) where T : class
{
    public static implicit operator DraftStep<T>(T value) => new(value, null);

    public static implicit operator DraftStep<T>(DraftOutcome outcome) => new(null, outcome);
}
