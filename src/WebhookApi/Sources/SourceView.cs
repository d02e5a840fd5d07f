using System.Text.Json.Serialization;

namespace GitOps.WebhookApi.Sources;

/// <summary>A source as the API shows it: its declaration (<see cref="SourceConfig"/>'s fields, in its order), its hash and
/// its running status (docs/COMPONENTS.md). Members without a default are required (OpenAPI lists them so).</summary>
internal sealed record SourceView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public required bool Enabled { get; init; }
    public required ImmutableArray<string> Labels { get; init; }
    public required IReadOnlyDictionary<string, object?> Properties { get; init; }
    public required ImmutableArray<string> Include { get; init; }
    public required ImmutableArray<string> Exclude { get; init; }
    public required string Hash { get; init; }
    public required SourceStatusView Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Section { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AssetType { get; init; }

    public static SourceView Of(PluginSnapshot plugin, SourceConfig source, PluginHost host)
    {
        var status = host.GetSourceStatus(plugin.Name, source.Id);
        var hash = plugin.SourceHashes.GetValueOrDefault(source.Id, "");
        // Until the reconcile pass has applied this version of the source (right after a commit), its state follows the
        // declaration; the counts and applied hash are still those of the version that runs.
        var pending = source.Enabled ? SourceState.Loading : SourceState.Disabled;
        return new SourceView
        {
            Id = source.Id, Name = source.Name, Type = source.Type, Enabled = source.Enabled, Labels = OrEmpty(source.Labels),
            Properties = source.Properties, Include = OrEmpty(source.Include), Exclude = OrEmpty(source.Exclude), Hash = hash,
            Status = status is null
                ? new SourceStatusView(pending, 0, null, null, [])
                : new SourceStatusView(status.AppliedHash == hash ? status.State : pending, status.EntityCount, status.LastRefreshedAt, status.AppliedHash, OrEmpty(status.Diagnostics)),
            Section = source.Section,
            AssetType = source.Section is null ? null : source.EffectiveAssetType,
        };
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
