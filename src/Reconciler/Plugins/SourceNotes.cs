namespace GitOps.Reconciler.Plugins;

/// <summary>Warnings about how a source is declared, shown with its status whatever its state: Kubeflow logs the same
/// warnings when it reads the file.</summary>
internal static class SourceNotes
{
    public static ImmutableArray<SourceDiagnostic> For(SourceConfig source)
    {
        if (source.Section is null) return [];
        var notes = ImmutableArray.CreateBuilder<SourceDiagnostic>();
        if (source.Section == KubeflowFormat.DeprecatedSection)
            notes.Add(new SourceDiagnostic(DiagnosticSeverity.Warning,
                $"source '{source.Id}' is declared under the deprecated 'catalogs' field; rename it to 'model_catalogs'"));
        if (source.Section != KubeflowFormat.McpSection && source.Properties.ContainsKey(KubeflowFormat.IncludedModels))
            notes.Add(new SourceDiagnostic(DiagnosticSeverity.Warning,
                $"properties.{KubeflowFormat.IncludedModels} is ignored (as Kubeflow ignores it); use {KubeflowFormat.IncludedModels} beside properties"));
        return notes.ToImmutable();
    }
}
