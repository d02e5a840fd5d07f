using System.ComponentModel.DataAnnotations;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>Options of the reconcile job (section <c>GitOps:Reconcile</c>, DESIGN §7).</summary>
public sealed class ReconcileOptions : IValidatableObject
{
    public const string SectionName = "GitOps:Reconcile";

    /// <summary>How often a pass runs when nothing asks for one sooner.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval <= TimeSpan.Zero)
            yield return new ValidationResult("GitOps:Reconcile:Interval must be positive (e.g. 00:00:30)", [nameof(Interval)]);
    }
}
