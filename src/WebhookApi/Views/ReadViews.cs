using GitOps.Reconciler.Search;
using GitOps.WebhookApi.Plugins;
using GitOps.WebhookApi.Sources;
using Microsoft.AspNetCore.Http.Json;

namespace GitOps.WebhookApi.Views;

/// <summary>The hot list reads (<c>GET /plugins</c>, <c>/plugins/{plugin}</c>, <c>/plugins/{plugin}/sources</c>) and the
/// search index, built once per (head, status version of the plugin) and served as UTF-8 bytes (docs/READ-VIEWS.md).</summary>
/// <remarks>Only the store's current head is cached: a new head drops the old head's views, so memory stays that of one
/// set of views. A request pinned to another snapshot (an older head) is answered by building, as before. A status change
/// of one plugin (<see cref="PluginHost.GetStatusVersion"/>) rebuilds that plugin's parts only; <c>GET /plugins</c> joins
/// the per-plugin items, so a caller limited to some plugins gets the same bytes the items have in the full list.</remarks>
internal sealed class ReadViews(GitConfigStore store, PluginHost host, IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;
    private ViewGeneration _generation = new("");

    public IResult PluginList(HttpContext http)
    {
        var snapshot = EntityTags.Snapshot(http);
        ConditionalGet.VaryByCaller(http);
        var plugins = snapshot.Plugins.Values.ToArray();
        // Versions first: a view built after reading a version is never older than it.
        var versions = Array.ConvertAll(plugins, p => host.GetStatusVersion(p.Name));
        var generation = For(snapshot);
        if (generation is null) return new JsonBytes(JoinArray(plugins.Select(p => Serialize(PluginViews.Summary(p, host)))));
        if (ConditionalGet.NoneMatch(http, snapshot.Head)
            && plugins.Select((p, i) => generation.IsCurrentAndOnly(p.Name, ViewKind.Summary, versions[i])).All(current => current))
            return ConditionalGet.NotModified;

        var everything = PluginScope.Of(http).SeesEverything;
        if (everything && generation.FullList is { } list && list.Versions.AsSpan().SequenceEqual(versions)) return new JsonBytes(list.Body);
        var body = JoinArray(plugins.Select((p, i) =>
            generation.Get(p.Name, ViewKind.Summary, versions[i], () => Serialize(PluginViews.Summary(p, host)))));
        if (everything) generation.FullList = new FullListView(versions, body);
        return new JsonBytes(body);
    }

    public IResult Plugin(HttpContext http, string plugin) =>
        Part(http, plugin, ViewKind.Plugin, p => Serialize(PluginViews.Full(p, host)));

    public IResult Sources(HttpContext http, string plugin) =>
        Part(http, plugin, ViewKind.Sources, p => Serialize(p.Sources.Select(s => SourceView.Of(p, s, host)).ToArray()));

    /// <summary>The search index of <paramref name="plugin"/> as <paramref name="snapshot"/> declares it and as it runs now.</summary>
    public PluginSearchIndex SearchIndex(ConfigSnapshot snapshot, PluginSnapshot plugin)
    {
        var version = host.GetStatusVersion(plugin.Name);
        PluginSearchIndex Build() => PluginSearchIndex.Build(plugin, host.GetPlugin(plugin.Name));
        return For(snapshot) is { } generation ? generation.Get(plugin.Name, ViewKind.Search, version, Build) : Build();
    }

    private IResult Part(HttpContext http, string name, ViewKind kind, Func<PluginSnapshot, byte[]> build)
    {
        var snapshot = EntityTags.Snapshot(http);
        ConditionalGet.VaryByCaller(http);
        if (snapshot.FindPlugin(name) is not { } plugin) return Problems.NotFound($"plugin '{name}' does not exist");
        var version = host.GetStatusVersion(name);
        if (For(snapshot) is not { } generation) return new JsonBytes(build(plugin));
        if (ConditionalGet.NoneMatch(http, snapshot.Head) && generation.IsCurrentAndOnly(name, kind, version)) return ConditionalGet.NotModified;
        return new JsonBytes(generation.Get(name, kind, version, () => build(plugin)));
    }

    /// <summary>The views of <paramref name="snapshot"/>'s head when it is the store's current head, else null (not cached).</summary>
    private ViewGeneration? For(ConfigSnapshot snapshot)
    {
        var current = Volatile.Read(ref _generation);
        if (current.Head == snapshot.Head) return current;
        if (snapshot.Head != store.Current.Head) return null;
        var fresh = new ViewGeneration(snapshot.Head);
        var seen = Interlocked.CompareExchange(ref _generation, fresh, current);
        return ReferenceEquals(seen, current) ? fresh : seen.Head == snapshot.Head ? seen : null;
    }

    private byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _options);

    /// <summary>A JSON array of already serialised items: byte for byte what serialising the array would write.</summary>
    private static byte[] JoinArray(IEnumerable<byte[]> items)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)'[');
        var first = true;
        foreach (var item in items)
        {
            if (!first) buffer.WriteByte((byte)',');
            buffer.Write(item);
            first = false;
        }
        buffer.WriteByte((byte)']');
        return buffer.ToArray();
    }
}

/// <summary>The whole <c>GET /plugins</c> body for a caller who sees every plugin, and the status versions it was built from.</summary>
internal sealed record FullListView(long[] Versions, byte[] Body);
