using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Plugins;

/// <summary>Loads one source through its provider into a <see cref="LoadedSource"/>: picks the provider by type,
/// applies include/exclude, and turns every failure into an Error status so one source never breaks another.</summary>
internal sealed partial class SourceLoader(SourceProviderRegistry providers, TimeProvider time, ILogger logger, SecretCipher? secrets = null)
{
    public async Task<LoadedSource> LoadAsync(PluginSnapshot plugin, SourceConfig source, string appliedHash, CancellationToken cancellationToken)
    {
        if (!source.Enabled)
            return new LoadedSource(plugin.Name, source, new SourceStatus(SourceState.Disabled, 0, time.GetUtcNow(), appliedHash, SourceNotes.For(source)), []);
        var result = await LoadEntitiesAsync(plugin, source, cancellationToken);
        var now = time.GetUtcNow();
        switch (result)
        {
            case SourceLoadResult.Loaded loaded:
                var filter = NameFilter.For(source);
                var entities = filter.IsEmpty ? loaded.Entities : [.. loaded.Entities.Where(e => filter.Matches(e.Name))];
                LogLoaded(logger, plugin.Name, source.Id, entities.Length);
                return new LoadedSource(plugin.Name, source, new SourceStatus(SourceState.Ready, entities.Length, now, appliedHash, SourceNotes.For(source).AddRange(loaded.Diagnostics)), entities);
            case SourceLoadResult.Failed failed:
                LogFailed(logger, plugin.Name, source.Id, failed.Diagnostics.Length);
                return new LoadedSource(plugin.Name, source, new SourceStatus(SourceState.Error, 0, now, appliedHash, SourceNotes.For(source).AddRange(failed.Diagnostics)), []);
            default:
                throw new InvalidOperationException($"unexpected load result {result.GetType().Name}");
        }
    }

    /// <summary>A placeholder shown while a source that had no state yet loads for the first time.</summary>
    public static LoadedSource Loading(PluginSnapshot plugin, SourceConfig source) =>
        new(plugin.Name, source, new SourceStatus(SourceState.Loading, 0, null, "", []), []);

    private async Task<SourceLoadResult> LoadEntitiesAsync(PluginSnapshot plugin, SourceConfig source, CancellationToken cancellationToken)
    {
        if (providers.Find(source.Type) is not { } provider)
            return SourceLoadResult.Failed.Because($"unknown source type '{source.Type}'; known types: {string.Join(", ", providers.Types)}");
        // Secret references are decrypted here and handed to the provider only; the loaded source keeps the references.
        var effective = source;
        ImmutableArray<string> revealed = [];
        if (SecretReferences.Of(source) is { IsEmpty: false } names)
        {
            switch (SecretResolution.Resolve(plugin, source, names, secrets))
            {
                case SecretResolution.Outcome.Failed failed: return failed.Result;
                case SecretResolution.Outcome.Resolved resolved: (effective, revealed) = (resolved.Source, resolved.Values); break;
            }
        }
        try
        {
            return SecretResolution.Redact(await provider.LoadAsync(new SourceLoadRequest(plugin.Name, effective, plugin.Files), cancellationToken), revealed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A provider bug or unexpected I/O failure stays inside this source. The exception itself is not logged when
            // the source uses secrets: its message or stack could echo a decrypted value.
            LogProviderFailed(logger, revealed.IsEmpty ? ex : null, plugin.Name, source.Id, source.Type);
            return SourceLoadResult.Failed.Because($"provider '{source.Type}' failed: {SecretResolution.MaskText(ex.Message, revealed)}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded source {Plugin}/{Source}: {EntityCount} entities")]
    private static partial void LogLoaded(ILogger logger, string plugin, string source, int entityCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Plugin}/{Source} failed to load with {DiagnosticCount} diagnostics")]
    private static partial void LogFailed(ILogger logger, string plugin, string source, int diagnosticCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Provider {Type} threw while loading {Plugin}/{Source}")]
    private static partial void LogProviderFailed(ILogger logger, Exception? exception, string plugin, string source, string type);
}
