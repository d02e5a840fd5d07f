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

    /// <summary>The dialect the file is written in: <see cref="CurrentApiVersion"/> or <see cref="KubeflowFormat.Dialect"/>.</summary>
    public string Dialect { get; init; } = CurrentApiVersion;
}

internal abstract record SourcesParseResult
{
    private SourcesParseResult() { }

    /// <param name="Locations">One per source, in file order.</param>
    /// <param name="Fields">Top-level field (<c>apiVersion</c>, <c>plugin</c>, <c>config</c>, <c>sources</c>) → where its value starts.</param>
    public sealed record Parsed(
        SourcesDocument Document,
        ImmutableArray<SourceLocation> Locations,
        ImmutableDictionary<string, (int Line, int Column)>? Fields = null) : SourcesParseResult
    {
        /// <summary>The file's YAML tree as written (before any migration), with the spans faithful edits splice at.</summary>
        internal Yaml.MappingNode? Tree { get; init; }

        /// <summary>Where a top-level field's value starts, or the start of the file when it is absent.</summary>
        public (int Line, int Column) PositionOf(string field) =>
            Fields is not null && Fields.TryGetValue(field, out var at) ? at : (1, 1);
    }

    /// <param name="Partial">What could be read despite the errors (wrongly typed fields left empty), so that the
    /// checks of the whole document still run and report their errors too; null when the file could not be read at all.</param>
    public sealed record Failed(ImmutableArray<ValidationError> Errors, Parsed? Partial = null) : SourcesParseResult;
}

/// <summary>Where a source entry and its fields stand in the file, for error messages (1-based).</summary>
/// <param name="Fields">Field of the entry (<c>id</c>, <c>properties.yamlCatalogPath</c>, <c>include[0]</c>…) → where its value starts.</param>
internal sealed record SourceLocation(int Line, int Column, ImmutableDictionary<string, (int Line, int Column)> Fields)
{
    /// <summary>How errors name the entry (<c>sources[0]</c>, <c>model_catalogs[2]</c>); null means <c>sources[i]</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Where <paramref name="field"/> starts, or where the entry starts when the field is absent.</summary>
    public (int Line, int Column) PositionOf(string field) =>
        Fields.TryGetValue(field, out var at) ? at : (Line, Column);
}
