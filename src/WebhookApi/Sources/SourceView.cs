namespace GitOps.WebhookApi.Sources;

/// <summary>A source as the API shows it: its declaration, its hash and its running status (docs/COMPONENTS.md).</summary>
internal sealed record SourceView(
    string Id,
    string Name,
    string Type,
    bool Enabled,
    ImmutableArray<string> Labels,
    IReadOnlyDictionary<string, object?> Properties,
    ImmutableArray<string> Include,
    ImmutableArray<string> Exclude,
    string Hash,
    SourceStatusView Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Section = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? AssetType = null)
{
    public static SourceView Of(PluginSnapshot plugin, SourceConfig source, PluginHost host)
    {
        var status = host.GetSourceStatus(plugin.Name, source.Id);
        var hash = plugin.SourceHashes.GetValueOrDefault(source.Id, "");
        // Until the reconcile pass has applied this version of the source (right after a commit), its state follows the
        // declaration; the counts and applied hash are still those of the version that runs.
        var pending = source.Enabled ? SourceState.Loading : SourceState.Disabled;
        return new SourceView(source.Id, source.Name, source.Type, source.Enabled, OrEmpty(source.Labels), source.Properties,
            OrEmpty(source.Include), OrEmpty(source.Exclude), hash,
            status is null
                ? new SourceStatusView(pending, 0, null, null, [])
                : new SourceStatusView(status.AppliedHash == hash ? status.State : pending, status.EntityCount, status.LastRefreshedAt, status.AppliedHash, OrEmpty(status.Diagnostics)),
            source.Section,
            source.Section is null ? null : source.EffectiveAssetType);
    }

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}

/// <summary>Running status of a source; until the plugin host reports, the state follows the enabled flag (Loading or Disabled).</summary>
internal sealed record SourceStatusView(
    SourceState State,
    int EntityCount,
    DateTimeOffset? LastRefreshedAt,
    string? AppliedHash,
    ImmutableArray<SourceDiagnostic> Diagnostics);
