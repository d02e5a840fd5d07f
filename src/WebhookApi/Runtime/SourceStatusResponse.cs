namespace GitOps.WebhookApi.Runtime;

/// <summary>A source's status as the API writes it (DESIGN §4), with the plugin and source it belongs to.</summary>
internal sealed record SourceStatusResponse(
    string Plugin,
    string Id,
    string State,
    int EntityCount,
    DateTimeOffset? LastRefreshedAt,
    string AppliedHash,
    IReadOnlyList<DiagnosticResponse> Diagnostics)
{
    public static SourceStatusResponse From(LoadedSource source) => new(
        source.Plugin,
        source.Id,
        source.Status.State.ToString(),
        source.Status.EntityCount,
        source.Status.LastRefreshedAt,
        source.Status.AppliedHash,
        DiagnosticResponse.From(source.Status.Diagnostics));
}

internal sealed record DiagnosticResponse(string Severity, string Message, string? File, int? Line)
{
    public static IReadOnlyList<DiagnosticResponse> From(IEnumerable<SourceDiagnostic> diagnostics) =>
        [.. diagnostics.Select(d => new DiagnosticResponse(d.Severity.ToString(), d.Message, d.File, d.Line))];
}

/// <summary>The answer of a dry run (<c>…:test</c>).</summary>
internal sealed record DryRunResponse(string State, int EntityCount, IReadOnlyList<string> FirstEntities, IReadOnlyList<DiagnosticResponse> Diagnostics)
{
    public static DryRunResponse From(DryRunResult result) =>
        new(result.State.ToString(), result.EntityCount, result.FirstEntities, DiagnosticResponse.From(result.Diagnostics));
}

/// <summary>One page of entities: each item is the entity's fields as loaded (they include <c>name</c>).</summary>
internal sealed record EntityPage(IReadOnlyList<IReadOnlyDictionary<string, object?>> Items, string? NextPageToken, int TotalSize);
