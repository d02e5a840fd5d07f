using System.Collections.Immutable;

namespace GitOps.Reconciler.Configuration;

/// <summary>A parsed <c>sources.yaml</c> in schema gitops/v1 (after migration).</summary>
/// <param name="Plugin">The <c>plugin:</c> field as written (validated against the folder name).</param>
/// <param name="MigratedFrom">The older schema it was migrated from, or null when it was already gitops/v1.</param>
public sealed record SourcesDocument(
    string Plugin,
    IReadOnlyDictionary<string, object?> Config,
    ImmutableArray<SourceConfig> Sources,
    string? MigratedFrom = null)
{
    public const string CurrentApiVersion = "gitops/v1";
}

public abstract record SourcesParseResult
{
    private SourcesParseResult() { }

    public sealed record Parsed(SourcesDocument Document, ImmutableArray<SourceLocation> Locations) : SourcesParseResult;

    public sealed record Failed(ImmutableArray<ValidationError> Errors) : SourcesParseResult;
}

/// <summary>Where a source entry and its fields stand in the file, for error messages (1-based).</summary>
public sealed record SourceLocation(int Line, int Column, ImmutableDictionary<string, (int Line, int Column)> Fields);
