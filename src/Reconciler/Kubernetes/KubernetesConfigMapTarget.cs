using System.Collections.Immutable;
using System.Net;
using GitOps.Reconciler.Configuration;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// <see cref="IConfigMapTarget"/> on the real API server through KubernetesClient. Writes carry resourceVersion
/// preconditions; a 409 (someone else wrote in between) re-reads and tries again, a 429 waits for Retry-After, both a
/// bounded number of times within the call. Every write is followed by an Event on the ConfigMap.
/// </summary>
internal sealed partial class KubernetesConfigMapTarget : IConfigMapTarget
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(5);

    private readonly IKubernetes client;
    private readonly string ns;
    private readonly string prefix;
    private readonly ConfigMapEvents events;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public KubernetesConfigMapTarget(IKubernetes client, string @namespace, string prefix, string identity, TimeProvider time, ILoggerFactory loggers)
    {
        this.client = client;
        ns = @namespace;
        this.prefix = prefix;
        this.time = time;
        events = new ConfigMapEvents(client, identity, time, loggers.CreateLogger<ConfigMapEvents>());
        logger = loggers.CreateLogger<KubernetesConfigMapTarget>();
    }

    public async Task<ConfigMapListing> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: ConfigMapManifest.ManagedSelector, cancellationToken: cancellationToken);
            var byPlugin = ImmutableSortedDictionary.CreateBuilder<string, ManagedConfigMap>(StringComparer.Ordinal);
            foreach (var item in list.Items)
                if (ConfigMapManifest.Observe(item) is { } managed && managed.Name == ConfigMapManifest.NameFor(prefix, managed.Plugin))
                    byPlugin[managed.Plugin] = managed;
            return new ConfigMapListing.Listed(byPlugin.ToImmutable());
        }
        catch (Exception e) when (KubeApiError.IsApiFailure(e, cancellationToken))
        {
            var reason = KubeApiError.Describe(e);
            LogListFailed(logger, ns, reason);
            return new ConfigMapListing.Unavailable(reason);
        }
    }

    public async Task<ConfigMapOutcome> EnsureAsync(PluginSnapshot plugin, string commit, CancellationToken cancellationToken)
    {
        var desired = ConfigMapManifest.For(plugin, commit, prefix);
        if (desired.IsTooLarge)
        {
            LogTooLarge(logger, desired.Name, desired.Size, ConfigMapManifest.MaxBytes);
            return new ConfigMapOutcome.TooLarge(plugin.Name, desired.Name, desired.Size, ConfigMapManifest.MaxBytes);
        }
        return await WithRetriesAsync(plugin.Name, desired.Name, () => EnsureOnceAsync(desired, cancellationToken), cancellationToken);
    }

    public async Task<ConfigMapOutcome> PruneAsync(string plugin, string commit, CancellationToken cancellationToken)
    {
        var name = ConfigMapManifest.NameFor(prefix, plugin);
        return await WithRetriesAsync(plugin, name, () => PruneOnceAsync(plugin, name, commit, cancellationToken), cancellationToken);
    }

    private async Task<ConfigMapOutcome> EnsureOnceAsync(ConfigMapManifest desired, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(desired.Name, cancellationToken);
        if (existing is null)
        {
            // A create that loses a race answers 409 AlreadyExists; the retry reads what the other writer made.
            var created = await client.CoreV1.CreateNamespacedConfigMapAsync(desired.ToConfigMap(ns), ns, cancellationToken: cancellationToken);
            LogCreated(logger, desired.Name, desired.Commit);
            await events.RecordAsync(created, ConfigMapEvents.CreatedReason, "Create",
                $"Created ConfigMap {desired.Name} for plugin {desired.Plugin} from commit {desired.Commit} (hash {desired.Hash})", cancellationToken);
            return new ConfigMapOutcome.Created(desired.Plugin, desired.Name, created.Metadata.ResourceVersion);
        }

        var drift = desired.Compare(existing);
        if (drift == ConfigMapDrift.None) return new ConfigMapOutcome.Unchanged(desired.Plugin, desired.Name);

        var patch = new V1Patch(desired.MergePatch(existing), V1Patch.PatchType.MergePatch);
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(patch, desired.Name, ns, cancellationToken: cancellationToken);
        LogCorrected(logger, desired.Name, drift, desired.Commit);
        await events.RecordAsync(patched, ConfigMapEvents.DriftCorrectedReason, "Update",
            $"Restored ConfigMap {desired.Name} to commit {desired.Commit} (hash {desired.Hash}): {Describe(drift)} had drifted", cancellationToken);
        return new ConfigMapOutcome.Corrected(desired.Plugin, desired.Name, patched.Metadata.ResourceVersion, drift);
    }

    private async Task<ConfigMapOutcome> PruneOnceAsync(string plugin, string name, string commit, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(name, cancellationToken);
        if (existing is null) return new ConfigMapOutcome.Unchanged(plugin, name);
        if (ConfigMapManifest.ValueOf(existing.Metadata.Labels, ConfigMapManifest.ManagedByLabel) != ConfigMapManifest.ManagedByValue
            || ConfigMapManifest.ValueOf(existing.Metadata.Labels, ConfigMapManifest.PluginLabel) != plugin)
            return new ConfigMapOutcome.Failed(plugin, name, $"ConfigMap {name} is not managed by {ConfigMapManifest.ManagedByValue}; left alone");

        // Preconditions: delete exactly the object we read, not one somebody re-created or changed meanwhile.
        var options = new V1DeleteOptions
        {
            Preconditions = new V1Preconditions { Uid = existing.Metadata.Uid, ResourceVersion = existing.Metadata.ResourceVersion },
        };
        await client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, options, cancellationToken: cancellationToken);
        LogPruned(logger, name, commit);
        await events.RecordAsync(existing, ConfigMapEvents.PrunedReason, "Delete",
            $"Deleted ConfigMap {name}: plugin {plugin} is not in commit {commit}", cancellationToken);
        return new ConfigMapOutcome.Pruned(plugin, name);
    }

    private async Task<ConfigMapOutcome> WithRetriesAsync(string plugin, string name, Func<Task<ConfigMapOutcome>> attempt, CancellationToken cancellationToken)
    {
        string reason = "";
        for (var i = 1; i <= MaxAttempts; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (KubeApiError.IsApiFailure(e, cancellationToken))
            {
                reason = KubeApiError.Describe(e);
                switch (KubeApiError.StatusCode(e))
                {
                    case HttpStatusCode.Conflict or HttpStatusCode.NotFound:
                        // Stale read: someone wrote or deleted in between. Read again and redo the decision.
                        LogRetry(logger, name, i, reason);
                        continue;
                    case HttpStatusCode.TooManyRequests:
                        var wait = KubeApiError.RetryAfter(e) ?? TimeSpan.FromSeconds(1);
                        LogRetry(logger, name, i, reason);
                        await Task.Delay(wait < MaxRetryAfter ? wait : MaxRetryAfter, time, cancellationToken);
                        continue;
                    default:
                        LogFailed(logger, name, reason);
                        return new ConfigMapOutcome.Failed(plugin, name, reason);
                }
            }
        }
        LogFailed(logger, name, reason);
        return new ConfigMapOutcome.Failed(plugin, name, $"gave up after {MaxAttempts} attempts: {reason}");
    }

    private async Task<V1ConfigMap?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Describe(ConfigMapDrift drift) => drift switch
    {
        ConfigMapDrift.Data => "data",
        ConfigMapDrift.HashAnnotation => "the hash annotation",
        ConfigMapDrift.Labels => "labels",
        _ => string.Join(", ", Enum.GetValues<ConfigMapDrift>().Where(d => d != ConfigMapDrift.None && drift.HasFlag(d)).Select(d => Describe(d))),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing managed ConfigMaps in {Namespace} failed: {Error}")]
    private static partial void LogListFailed(ILogger logger, string @namespace, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "ConfigMap {ConfigMap} would be {Bytes} bytes, over the {Limit} byte limit; not written")]
    private static partial void LogTooLarge(ILogger logger, string configMap, long bytes, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created ConfigMap {ConfigMap} at {Commit}")]
    private static partial void LogCreated(ILogger logger, string configMap, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corrected drift ({Drift}) of ConfigMap {ConfigMap} at {Commit}")]
    private static partial void LogCorrected(ILogger logger, string configMap, ConfigMapDrift drift, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned ConfigMap {ConfigMap} at {Commit}")]
    private static partial void LogPruned(ILogger logger, string configMap, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "ConfigMap {ConfigMap} attempt {Attempt} will be retried: {Error}")]
    private static partial void LogRetry(ILogger logger, string configMap, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConfigMap {ConfigMap} could not be reconciled: {Error}")]
    private static partial void LogFailed(ILogger logger, string configMap, string error);
}
