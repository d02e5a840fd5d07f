using System.Text.Json.Serialization;
using GitOps.HotReload.Files;

namespace GitOps.WebhookApi.Notifications;

/// <summary>What this replica last saw applied per plugin: the dedupe key (hash, outcome) and the source hashes that tell
/// which sources changed. Kept in <c>notifications.state</c> (JSON, 0600) so that a restart sends nothing new.</summary>
internal sealed record PublishedState(ImmutableSortedDictionary<string, PublishedPlugin> Plugins)
{
    public static PublishedState Empty { get; } = new(ImmutableSortedDictionary<string, PublishedPlugin>.Empty.WithComparers(StringComparer.Ordinal));

    public static FileStore<PublishedState> Store(string path, ILogger logger) =>
        new(path, new JsonFileFormat<PublishedState>(1, () => Empty, PublishedStateJson.Default.PublishedState), logger);
}

/// <param name="Hash">The applied plugin hash; null when none is applied (the plugin failed before its first apply).</param>
/// <param name="Outcome">The outcome last published for the plugin.</param>
/// <param name="Sources">Source id → source hash of the applied snapshot; empty when unknown.</param>
internal sealed record PublishedPlugin(string? Hash, string Outcome, ImmutableSortedDictionary<string, string> Sources);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PublishedState))]
internal sealed partial class PublishedStateJson : JsonSerializerContext;
