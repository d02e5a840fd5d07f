namespace GitOps.Reconciler.Reconciliation;

/// <summary>Why a pass is not <see cref="ReconcileOutcome.Succeeded"/>: a closed set. The steps record these values;
/// <see cref="Message"/> is the one rendering, which the report's <c>error</c> (<c>GET /status</c>) joins with "; ".</summary>
public abstract record ReconcileProblem
{
    private ReconcileProblem() { }

    /// <summary>How status shows the problem.</summary>
    public abstract string Message { get; }

    /// <summary>The remote could not be fetched; the pass went on with the last fetched state.</summary>
    public sealed record FetchFailed(string Reason) : ReconcileProblem
    {
        public override string Message => $"fetch failed: {Reason}";
    }

    /// <summary>The branch head is invalid (or failed verification) and is not applied; <paramref name="KeptHead"/> stays applied.</summary>
    public sealed record HeadInvalid(string Head, ImmutableArray<ValidationError> Errors, string KeptHead) : ReconcileProblem
    {
        public override string Message => $"head {Head} is invalid and not applied ({Describe(Errors)}); {KeptHead} stays applied";

        private static string Describe(ImmutableArray<ValidationError> errors) =>
            errors.IsDefaultOrEmpty ? "invalid" : $"{errors.Length} error(s), first: {errors[0].File}:{errors[0].Line}: {errors[0].Message}";
    }

    /// <summary>The ConfigMaps could not be listed: none were checked or written this pass.</summary>
    public sealed record ConfigMapsNotChecked(string Reason) : ReconcileProblem
    {
        public override string Message => $"ConfigMaps not checked: {Reason}";
    }

    /// <summary>One target of one plugin could not be brought in step; the other plugins went on.</summary>
    public sealed record TargetFailed(string Plugin, TargetFailure Failure) : ReconcileProblem
    {
        public override string Message => $"{Plugin}: {Failure.Message}";
    }

    /// <summary>A plugin's Secret could not be written (the Secret target words it, without values).</summary>
    public sealed record SecretNotWritten(string Detail) : ReconcileProblem
    {
        public override string Message => Detail;
    }

    /// <summary>A step threw (a bug or an unexpected I/O failure): the pass stopped there and is <see cref="ReconcileOutcome.Failed"/>.</summary>
    public sealed record StepFailed(string Step, string ExceptionType, string Detail) : ReconcileProblem
    {
        public override string Message => $"{ExceptionType}: {Detail}";
    }
}

/// <summary>Why one target of a plugin was not brought in step: a closed set, rendered as the plugin's <c>error</c> in status.</summary>
public abstract record TargetFailure
{
    private TargetFailure() { }

    public abstract string Message { get; }

    /// <summary>The plugin's files do not fit a ConfigMap (<paramref name="File"/>: a single file over the limit).</summary>
    public sealed record TooLarge(long Bytes, long Limit, string? File) : TargetFailure
    {
        public override string Message => File is { } file
            ? $"TooLarge: file {file} is {Bytes} bytes, over the ConfigMap limit of {Limit}"
            : $"TooLarge: {Bytes} bytes exceed the ConfigMap limit of {Limit}";
    }

    /// <summary>The API server could not be reached or refused the write.</summary>
    public sealed record Refused(string Reason) : TargetFailure
    {
        public override string Message => $"Failed: {Reason}";
    }

    /// <summary>The action threw; the other plugins went on.</summary>
    public sealed record Threw(PlanActionKind Action, string Detail) : TargetFailure
    {
        public override string Message => $"{Action} failed: {Detail}";
    }
}
