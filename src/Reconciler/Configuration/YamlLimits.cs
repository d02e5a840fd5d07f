namespace GitOps.Reconciler.Configuration;

/// <summary>Guards against hostile YAML: a file larger than <see cref="MaxBytes"/>, nesting deeper than
/// <see cref="MaxDepth"/>, or more than <see cref="MaxAliasExpansions"/> alias expansions ("billion laughs")
/// is refused with an error naming the limit.</summary>
public sealed record YamlLimits(long MaxBytes, int MaxDepth, int MaxAliasExpansions)
{
    /// <summary>sources.yaml and catalog files: 16 MiB, depth 64, 10,000 alias expansions.</summary>
    public static YamlLimits Default { get; } = new(16 * 1024 * 1024, 64, 10_000);
}
