namespace GitOps.Reconciler.Configuration;

/// <summary>The whole config repository at one commit, validated. Immutable; compare snapshots by <see cref="Hash"/>.</summary>
/// <param name="Head">The commit sha the snapshot was read from (empty for a tree not yet committed).</param>
/// <param name="TreeId">The commit's root tree id (empty for a tree not from git).</param>
/// <param name="Hash">SHA-256 over all plugins' files (path + content, sorted), lowercase hex.</param>
public sealed record ConfigSnapshot(
    string Head,
    string TreeId,
    string Hash,
    ImmutableSortedDictionary<string, PluginSnapshot> Plugins)
{
    public static ConfigSnapshot Empty { get; } = new("", "", ContentHash.Empty, ImmutableSortedDictionary<string, PluginSnapshot>.Empty);

    public PluginSnapshot? FindPlugin(string name) => Plugins.GetValueOrDefault(name);
}
