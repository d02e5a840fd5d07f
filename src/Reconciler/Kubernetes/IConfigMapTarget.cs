namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// The Kubernetes side of reconciliation (DESIGN §6): one ConfigMap per plugin. A process boundary; failures of the API
/// server come back as outcomes, never as exceptions (cancellation of the token still throws).
/// </summary>
public interface IConfigMapTarget
{
    /// <summary>Managed ConfigMaps (label selector), by plugin.</summary>
    Task<ConfigMapListing> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes the plugin's ConfigMap equal to the repository: creates it when missing, patches it (resourceVersion
    /// precondition, re-read and retry on 409) when its data, hash annotation or labels differ, writes nothing otherwise.
    /// </summary>
    Task<ConfigMapOutcome> EnsureAsync(PluginSnapshot plugin, string commit, CancellationToken cancellationToken);

    /// <summary>Deletes the managed ConfigMap of a plugin that is no longer in the repository at <paramref name="commit"/>.</summary>
    Task<ConfigMapOutcome> PruneAsync(string plugin, string commit, CancellationToken cancellationToken);
}

/// <summary>The result of listing the managed ConfigMaps. A closed set.</summary>
public abstract record ConfigMapListing
{
    public sealed record Listed(ImmutableSortedDictionary<string, ManagedConfigMap> ByPlugin) : ConfigMapListing;

    public sealed record Unavailable(string Reason) : ConfigMapListing;
}
