using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using GitOps.WebhookApi.Sources;

namespace GitOps.WebhookApi.Plugins;

/// <summary>Items of <c>GET /plugins</c>.</summary>
/// <remarks>Required members are listed so in OpenAPI; <see cref="Dialect"/> is written last, also after what a
/// <see cref="PluginView"/> adds.</remarks>
internal record PluginSummary
{
    public required string Name { get; init; }
    public required IReadOnlyDictionary<string, object?> Config { get; init; }
    public required string Hash { get; init; }
    public required int SourceCount { get; init; }
    public required int EnabledCount { get; init; }
    public required PluginStatusView Status { get; init; }

    [JsonPropertyOrder(2), DefaultValue(SourcesDocument.CurrentApiVersion)]
    public string Dialect { get; init; } = SourcesDocument.CurrentApiVersion;
}

/// <summary><c>GET /plugins/{plugin}</c>: the summary plus its sources and files (written before the dialect).</summary>
internal sealed record PluginView : PluginSummary
{
    [SetsRequiredMembers]
    private PluginView(PluginSummary summary, ImmutableArray<SourceView> sources, ImmutableArray<FileEntry> files) : base(summary) =>
        (Sources, Files) = (sources, files);

    [JsonPropertyOrder(1)]
    public required ImmutableArray<SourceView> Sources { get; init; }

    [JsonPropertyOrder(1)]
    public required ImmutableArray<FileEntry> Files { get; init; }

    public static PluginView Of(PluginSummary summary, ImmutableArray<SourceView> sources, ImmutableArray<FileEntry> files) => new(summary, sources, files);
}

/// <param name="RunningHash">The hash the running plugin applied; null until the plugin host has applied it.</param>
/// <param name="Drift">The running plugin is not on the desired hash.</param>
internal sealed record PluginStatusView(string? RunningHash, bool Drift, int Ready, int Error, int Disabled);

/// <summary>Items of <c>GET /plugins/{plugin}/files</c>.</summary>
internal sealed record FileEntry(string Name, int Size);

internal static class PluginViews
{
    public static PluginSummary Summary(PluginSnapshot plugin, PluginHost host) => Summary(plugin, host, Sources(plugin, host));

    public static PluginView Full(PluginSnapshot plugin, PluginHost host)
    {
        var sources = Sources(plugin, host);
        return PluginView.Of(Summary(plugin, host, sources), sources, Files(plugin));
    }

    private static ImmutableArray<SourceView> Sources(PluginSnapshot plugin, PluginHost host) =>
        [.. plugin.Sources.Select(s => SourceView.Of(plugin, s, host))];

    private static PluginSummary Summary(PluginSnapshot plugin, PluginHost host, ImmutableArray<SourceView> sources)
    {
        var running = host.GetAppliedHash(plugin.Name);
        var status = new PluginStatusView(
            running,
            running != plugin.Hash,
            sources.Count(s => s.Status.State == SourceState.Ready),
            sources.Count(s => s.Status.State == SourceState.Error),
            sources.Count(s => s.Status.State == SourceState.Disabled));
        return new PluginSummary
        {
            Name = plugin.Name, Config = plugin.Config, Hash = plugin.Hash, SourceCount = sources.Length, EnabledCount = sources.Count(s => s.Enabled),
            Status = status, Dialect = plugin.Dialect,
        };
    }

    public static ImmutableArray<FileEntry> Files(PluginSnapshot plugin) =>
        [.. plugin.Files.Select(f => new FileEntry(f.Key, f.Value.Length))];
}
