using System.Net;
using k8s;
using k8s.Models;

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
            return new ConfigMapListing.Listed(ConfigMapParts.Observe(prefix, list.Items));
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
        var first = ConfigMapManifest.NameFor(prefix, plugin.Name);
        ImmutableArray<ConfigMapManifest> parts;
        switch (ConfigMapParts.Split(plugin, commit, prefix))
        {
            case ConfigMapSplit.FileTooLarge large:
                LogTooLarge(logger, first, large.File, large.Bytes, ConfigMapManifest.MaxBytes);
                return new ConfigMapOutcome.TooLarge(plugin.Name, first, large.Bytes, ConfigMapManifest.MaxBytes, large.File);
            case ConfigMapSplit.Parts split:
                parts = split.Manifests;
                break;
            default:
                throw new InvalidOperationException("unknown ConfigMap split");
        }

        // Parts in order, then the parts left over from a larger version: a consumer sees the new files before old ones go.
        var outcomes = new List<ConfigMapOutcome>(parts.Length);
        foreach (var part in parts)
        {
            var outcome = await WithRetriesAsync(plugin.Name, part.Name, () => EnsureOnceAsync(part, cancellationToken), cancellationToken);
            if (outcome is ConfigMapOutcome.Failed) return outcome;
            outcomes.Add(outcome);
        }
        var extras = await ExtraPartsAsync(plugin.Name, parts.Length, cancellationToken);
        if (extras is null) return new ConfigMapOutcome.Failed(plugin.Name, first, "listing the plugin's ConfigMap parts failed");
        foreach (var extra in extras)
        {
            var pruned = await WithRetriesAsync(plugin.Name, extra, () => PruneOnceAsync(plugin.Name, extra, commit, cancellationToken), cancellationToken);
            if (pruned is ConfigMapOutcome.Failed) return pruned;
            outcomes.Add(pruned);
        }
        return Combine(plugin.Name, first, outcomes);
    }

    public async Task<ConfigMapOutcome> PruneAsync(string plugin, string commit, CancellationToken cancellationToken)
    {
        var name = ConfigMapManifest.NameFor(prefix, plugin);
        var extras = await ExtraPartsAsync(plugin, 1, cancellationToken) ?? [];
        var outcomes = new List<ConfigMapOutcome>();
        foreach (var part in extras.Prepend(name))
        {
            var outcome = await WithRetriesAsync(plugin, part, () => PruneOnceAsync(plugin, part, commit, cancellationToken), cancellationToken);
            if (outcome is ConfigMapOutcome.Failed) return outcome;
            outcomes.Add(outcome);
        }
        return outcomes.Any(o => o is ConfigMapOutcome.Pruned) ? new ConfigMapOutcome.Pruned(plugin, name) : new ConfigMapOutcome.Unchanged(plugin, name);
    }

    /// <summary>Names of the plugin's managed parts numbered above <paramref name="count"/>; null when they cannot be listed.</summary>
    private async Task<List<string>?> ExtraPartsAsync(string plugin, int count, CancellationToken cancellationToken)
    {
        try
        {
            var selector = $"{ConfigMapManifest.ManagedSelector},{ConfigMapManifest.PluginLabel}={plugin}";
            var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
            return [.. list.Items.Select(i => (Name: i.Metadata.Name, Index: ConfigMapParts.IndexOf(prefix, plugin, i.Metadata.Name)))
                .Where(p => p.Index > count).OrderBy(p => p.Index).Select(p => p.Name)];
        }
        catch (Exception e) when (KubeApiError.IsApiFailure(e, cancellationToken))
        {
            LogListFailed(logger, ns, KubeApiError.Describe(e));
            return null;
        }
    }

    /// <summary>One outcome for all parts: unchanged when nothing was written, created when every write created a part,
    /// else corrected with what drifted (a pruned leftover part counts as drifted data).</summary>
    private static ConfigMapOutcome Combine(string plugin, string first, List<ConfigMapOutcome> outcomes)
    {
        if (outcomes.All(o => !o.Wrote)) return new ConfigMapOutcome.Unchanged(plugin, first);
        var written = outcomes.Where(o => o.Wrote).ToList();
        if (written.All(o => o is ConfigMapOutcome.Created))
            return new ConfigMapOutcome.Created(plugin, first, ((ConfigMapOutcome.Created)written[^1]).ResourceVersion);
        var drift = written.Aggregate(ConfigMapDrift.None, (d, o) => d | o switch
        {
            ConfigMapOutcome.Corrected corrected => corrected.Drift,
            _ => ConfigMapDrift.Data,
        });
        var version = written.OfType<ConfigMapOutcome.Corrected>().Select(c => c.ResourceVersion).LastOrDefault()
            ?? written.OfType<ConfigMapOutcome.Created>().Select(c => c.ResourceVersion).LastOrDefault() ?? "";
        return new ConfigMapOutcome.Corrected(plugin, first, version, drift);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing managed ConfigMaps in {Namespace} failed: {Error}")] private static partial void LogListFailed(ILogger logger, string @namespace, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "ConfigMap {ConfigMap}: file {File} is {Bytes} bytes, over the {Limit} byte limit of one ConfigMap; not written")] private static partial void LogTooLarge(ILogger logger, string configMap, string file, long bytes, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created ConfigMap {ConfigMap} at {Commit}")] private static partial void LogCreated(ILogger logger, string configMap, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corrected drift ({Drift}) of ConfigMap {ConfigMap} at {Commit}")] private static partial void LogCorrected(ILogger logger, string configMap, ConfigMapDrift drift, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned ConfigMap {ConfigMap} at {Commit}")] private static partial void LogPruned(ILogger logger, string configMap, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "ConfigMap {ConfigMap} attempt {Attempt} will be retried: {Error}")] private static partial void LogRetry(ILogger logger, string configMap, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConfigMap {ConfigMap} could not be reconciled: {Error}")] private static partial void LogFailed(ILogger logger, string configMap, string error);
}
