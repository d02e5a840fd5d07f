namespace GitOps.Reconciler.Plugins;

/// <summary>The extension point for source types: one provider per <c>type:</c> value of sources.yaml.</summary>
/// <remarks>Providers return every entity they read; the host applies the source's include/exclude patterns.
/// Expected failures (a missing file, bad YAML, an unreachable URL) are <see cref="SourceLoadResult.Failed"/>, not exceptions.</remarks>
public interface ISourceProvider
{
    /// <summary>The <c>type:</c> this provider handles, such as <c>yaml</c>.</summary>
    string Type { get; }

    /// <summary>Whether one source of this type can be reloaded on its own (<c>POST …/sources/{id}/refresh</c>).</summary>
    bool SupportsSourceRefresh { get; }

    Task<SourceLoadResult> LoadAsync(SourceLoadRequest request, CancellationToken cancellationToken);
}

/// <summary>What a provider loads from: the source entry and the files of its plugin folder (file name → content).</summary>
public sealed record SourceLoadRequest(string Plugin, SourceConfig Source, ImmutableSortedDictionary<string, ReadOnlyMemory<byte>> Files)
{
    /// <summary>The repository-relative path of a file in the plugin folder, as diagnostics name it.</summary>
    public string PathOf(string fileName) => $"{SnapshotBuilder.PluginsFolder}/{Plugin}/{fileName}";
}

/// <summary>The outcome of loading one source.</summary>
public abstract record SourceLoadResult
{
    private SourceLoadResult() { }

    public sealed record Loaded(ImmutableArray<CatalogEntity> Entities, ImmutableArray<SourceDiagnostic> Diagnostics) : SourceLoadResult;

    public sealed record Failed(ImmutableArray<SourceDiagnostic> Diagnostics) : SourceLoadResult
    {
        public static Failed Because(string message, string? file = null, int? line = null) =>
            new([new SourceDiagnostic(DiagnosticSeverity.Error, message, file, line)]);
    }

    /// <summary>Maps the catalog parser's outcome; parse errors become diagnostics with file and line.</summary>
    public static SourceLoadResult From(CatalogParseResult parsed) => parsed switch
    {
        CatalogParseResult.Parsed p => new Loaded(p.Document.Entities, []),
        CatalogParseResult.Failed f => new Failed([.. f.Errors.Select(e =>
            new SourceDiagnostic(DiagnosticSeverity.Error, e.Message, e.File, e.Line > 0 ? e.Line : null))]),
        _ => throw new InvalidOperationException($"unexpected parse result {parsed.GetType().Name}"),
    };
}
