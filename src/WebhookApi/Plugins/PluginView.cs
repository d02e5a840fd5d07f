using GitOps.WebhookApi.Sources;

namespace GitOps.WebhookApi.Plugins;

/// <summary>Items of <c>GET /plugins</c>.</summary>
internal sealed record PluginSummary(
    string Name,
    IReadOnlyDictionary<string, object?> Config,
    string Hash,
    int SourceCount,
    int EnabledCount,
    PluginStatusView Status,
    string Dialect = SourcesDocument.CurrentApiVersion);

/// <summary><c>GET /plugins/{plugin}</c>: the summary plus its sources and files.</summary>
internal sealed record PluginView(
    string Name,
    IReadOnlyDictionary<string, object?> Config,
    string Hash,
    int SourceCount,
    int EnabledCount,
    PluginStatusView Status,
    ImmutableArray<SourceView> Sources,
    ImmutableArray<FileEntry> Files,
    string Dialect = SourcesDocument.CurrentApiVersion);

/// <param name="RunningHash">The hash the running plugin applied; null until the plugin host has applied it.</param>
/// <param name="Drift">The running plugin is not on the desired hash.</param>
internal sealed record PluginStatusView(string? RunningHash, bool Drift, int Ready, int Error, int Disabled);

/// <summary>Items of <c>GET /plugins/{plugin}/files</c>.</summary>
internal sealed record FileEntry(string Name, int Size);

internal static class PluginViews
{
    public static PluginSummary Summary(PluginSnapshot plugin, PluginHost host)
    {
        var view = Full(plugin, host);
        return new PluginSummary(view.Name, view.Config, view.Hash, view.SourceCount, view.EnabledCount, view.Status, view.Dialect);
    }

    public static PluginView Full(PluginSnapshot plugin, PluginHost host)
    {
        var sources = plugin.Sources.Select(s => SourceView.Of(plugin, s, host)).ToImmutableArray();
        var running = host.GetAppliedHash(plugin.Name);
        var status = new PluginStatusView(
            running,
            running != plugin.Hash,
            sources.Count(s => s.Status.State == SourceState.Ready),
            sources.Count(s => s.Status.State == SourceState.Error),
            sources.Count(s => s.Status.State == SourceState.Disabled));
        return new PluginView(plugin.Name, plugin.Config, plugin.Hash, sources.Length, sources.Count(s => s.Enabled), status,
            sources, Files(plugin), plugin.Dialect);
    }

    public static ImmutableArray<FileEntry> Files(PluginSnapshot plugin) =>
        [.. plugin.Files.Select(f => new FileEntry(f.Key, f.Value.Length))];
}
