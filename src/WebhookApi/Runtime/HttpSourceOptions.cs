using GitOps.Reconciler.Plugins.Providers;

namespace GitOps.WebhookApi.Runtime;

/// <summary>Where the <c>http</c> provider (and <c>sources:test</c>) may connect (docs/PROVIDERS.md). Loopback,
/// link-local and cloud metadata addresses are refused unless a network listed here contains them.</summary>
internal sealed class HttpSourceOptions : IValidatableObject
{
    public const string SectionName = "GitOps:HttpSources";

    /// <summary>CIDR ranges allowed even though they are refused by default, e.g. <c>127.0.0.1/32</c>.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public AddressPolicy Policy() => AddressPolicy.Parse(AllowedNetworks).Policy ?? AddressPolicy.Default;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AddressPolicy.Parse(AllowedNetworks).Error is { } error)
            yield return new ValidationResult($"{AddressPolicy.OptionName}: {error}", [nameof(AllowedNetworks)]);
    }
}
