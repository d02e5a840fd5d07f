namespace GitOps.Reconciler.Plugins;

public enum SourceState
{
    Disabled,
    Loading,
    Ready,
    Error,
}

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>A problem found while loading a source (file and line when it comes from a file).</summary>
public sealed record SourceDiagnostic(DiagnosticSeverity Severity, string Message, string? File = null, int? Line = null);

/// <summary>The status of one running source (DESIGN §4).</summary>
public sealed record SourceStatus(
    SourceState State,
    int EntityCount,
    DateTimeOffset? LastRefreshedAt,
    string AppliedHash,
    ImmutableArray<SourceDiagnostic> Diagnostics);
