using System.Net;
using GitOps.Reconciler.Secrets;
using k8s;
using k8s.Models;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>What one pass did to the plugins' Secrets: actions for the report and problems (never a value).</summary>
public sealed record SecretSync(ImmutableArray<string> Actions, ImmutableArray<string> Problems);

/// <summary>Delivers decrypted values to one Secret per plugin (<c>{prefix}-{plugin}-secrets</c>), leader only, every pass:
/// created when missing, replaced (resourceVersion precondition) when its data, hash annotation or labels drifted, pruned
/// (uid + resourceVersion preconditions) when its plugin or its last value is gone. A plugin whose values do not all
/// decrypt keeps its current Secret untouched (fail closed) and is reported; the other plugins go on.</summary>
/// <remarks>Each write records a core/v1 Event on the Secret (<c>Created</c>, <c>DriftCorrected</c>, <c>Pruned</c>) naming the
/// commit and the secrets.yaml hash, never a value.</remarks>
public sealed partial class KubernetesSecretTarget(IKubernetes client, string @namespace, string prefix, SecretCipher cipher, string identity,
    TimeProvider time, ILoggerFactory loggers)
{
    private readonly ConfigMapEvents _events = new(client, identity, time, loggers.CreateLogger<ConfigMapEvents>());
    private readonly ILogger logger = loggers.CreateLogger<KubernetesSecretTarget>();

    public async Task<SecretSync> SyncAsync(ConfigSnapshot desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var actions = ImmutableArray.CreateBuilder<string>();
        var problems = ImmutableArray.CreateBuilder<string>();
        Dictionary<string, V1Secret> listed;
        try
        {
            var list = await client.CoreV1.ListNamespacedSecretAsync(@namespace, labelSelector: ConfigMapManifest.ManagedSelector, cancellationToken: cancellationToken);
            listed = list.Items.Where(s => ConfigMapManifest.ValueOf(s.Metadata.Labels, ConfigMapManifest.PluginLabel) is { } p && s.Metadata.Name == SecretManifest.NameFor(prefix, p))
                .ToDictionary(s => ConfigMapManifest.ValueOf(s.Metadata.Labels, ConfigMapManifest.PluginLabel)!, StringComparer.Ordinal);
        }
        catch (Exception e) when (KubeApiError.IsApiFailure(e, cancellationToken))
        {
            return new SecretSync([], [$"Secrets not checked: {KubeApiError.Describe(e)}"]);
        }

        foreach (var plugin in desired.Plugins.Values.Where(p => !p.Secrets.Secrets.IsEmpty))
        {
            var (manifest, failures) = SecretManifest.For(plugin, desired.Head, prefix, cipher);
            if (manifest is null)
            {
                problems.Add($"{plugin.Name}: Secret {SecretManifest.NameFor(prefix, plugin.Name)} not written ({failures.Length} value(s) do not decrypt): {string.Join("; ", failures)}");
                continue;
            }
            await TryAsync(manifest.Name, problems, plugin.Name, async () =>
            {
                if (!listed.TryGetValue(plugin.Name, out var existing))
                {
                    var created = await client.CoreV1.CreateNamespacedSecretAsync(manifest.ToSecret(@namespace), @namespace, cancellationToken: cancellationToken);
                    await _events.RecordAsync("Secret", created.Metadata, ConfigMapEvents.CreatedReason, "Create",
                        $"Created Secret {manifest.Name} for plugin {plugin.Name} from commit {desired.Head} (secrets.yaml hash {manifest.Hash})", cancellationToken);
                    actions.Add($"secret {manifest.Name}: Created");
                    LogWritten(logger, manifest.Name, "Created", desired.Head);
                    return;
                }
                var drift = manifest.Compare(existing);
                if (drift == ConfigMapDrift.None) return;
                var replaced = await client.CoreV1.ReplaceNamespacedSecretAsync(manifest.ToSecret(@namespace, existing.Metadata.ResourceVersion), manifest.Name, @namespace, cancellationToken: cancellationToken);
                await _events.RecordAsync("Secret", replaced.Metadata, ConfigMapEvents.DriftCorrectedReason, "Update",
                    $"Restored Secret {manifest.Name} to commit {desired.Head} (secrets.yaml hash {manifest.Hash}): {drift} had drifted", cancellationToken);
                var action = $"DriftCorrected ({drift})";
                actions.Add($"secret {manifest.Name}: {action}");
                LogWritten(logger, manifest.Name, action, desired.Head);
            }, cancellationToken);
        }

        foreach (var (plugin, existing) in listed)
        {
            if (desired.FindPlugin(plugin) is { Secrets.Secrets.IsEmpty: false }) continue;
            await TryAsync(existing.Metadata.Name, problems, plugin, async () =>
            {
                var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = existing.Metadata.Uid, ResourceVersion = existing.Metadata.ResourceVersion } };
                await client.CoreV1.DeleteNamespacedSecretAsync(existing.Metadata.Name, @namespace, options, cancellationToken: cancellationToken);
                await _events.RecordAsync("Secret", existing.Metadata, ConfigMapEvents.PrunedReason, "Delete",
                    $"Deleted Secret {existing.Metadata.Name}: plugin {plugin} has no secret values in commit {desired.Head}", cancellationToken);
                actions.Add($"secret {existing.Metadata.Name}: Pruned");
                LogWritten(logger, existing.Metadata.Name, "Pruned", desired.Head);
            }, cancellationToken);
        }
        return new SecretSync(actions.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>One write; a failure (a 409 from a concurrent writer included: the next pass re-reads) is reported, not thrown.</summary>
    private async Task TryAsync(string name, ImmutableArray<string>.Builder problems, string plugin, Func<Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (KubeApiError.IsApiFailure(e, cancellationToken))
        {
            var reason = KubeApiError.StatusCode(e) == HttpStatusCode.Conflict ? $"changed meanwhile, retried next pass ({KubeApiError.Describe(e)})" : KubeApiError.Describe(e);
            LogFailed(logger, name, reason);
            problems.Add($"{plugin}: Secret {name}: Failed: {reason}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret {Secret}: {Action} at {Commit}")]
    private static partial void LogWritten(ILogger logger, string secret, string action, string commit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Secret {Secret} could not be reconciled: {Error}")]
    private static partial void LogFailed(ILogger logger, string secret, string error);
}
