namespace GitOps.Reconciler.Plugins.Providers;

/// <summary>The <c>yaml</c> provider: reads the catalog file named by <c>properties.yamlCatalogPath</c> from the
/// plugin folder (DESIGN §2; the Kubeflow Model Registry catalog shape).</summary>
public sealed class YamlSourceProvider(YamlLimits limits) : ISourceProvider
{
    public const string PathProperty = SourcesValidator.CatalogPathProperty;

    public string Type => SourcesValidator.YamlType;

    public bool SupportsSourceRefresh => true;

    public Task<SourceLoadResult> LoadAsync(SourceLoadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Source.Properties.GetValueOrDefault(PathProperty) is not string path || path.Length == 0)
            return Task.FromResult<SourceLoadResult>(SourceLoadResult.Failed.Because($"properties.{PathProperty} is required for type '{Type}'"));
        // Files holds only the flat file names of the plugin folder, so absolute and ../ paths can never resolve outside it.
        if (!request.Files.TryGetValue(path, out var content))
            return Task.FromResult<SourceLoadResult>(SourceLoadResult.Failed.Because($"catalog file '{path}' not found in the plugin folder", request.PathOf(path)));
        return Task.FromResult(SourceLoadResult.From(ParsedCatalogs.Take(request.PathOf(path), content, limits)));
    }
}
