using System.Globalization;
using k8s;
using k8s.Models;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// Records a core/v1 Event on a ConfigMap for every correction (DESIGN §6), so <c>kubectl describe configmap</c> shows
/// what the reconciler did and at which commit. Best effort: a failed Event is logged, it never fails the correction.
/// </summary>
internal sealed partial class ConfigMapEvents(IKubernetes client, string identity, TimeProvider time, ILogger<ConfigMapEvents> logger)
{
    public const string Component = "gitops-reconciler";
    public const string CreatedReason = "Created";
    public const string DriftCorrectedReason = "DriftCorrected";
    public const string PrunedReason = "Pruned";

    private long sequence;

    /// <summary>Creates the Event; false when the API server refused it or could not be reached.</summary>
    public Task<bool> RecordAsync(V1ConfigMap subject, string reason, string action, string message, CancellationToken cancellationToken) =>
        RecordAsync("ConfigMap", subject.Metadata, reason, action, message, cancellationToken);

    /// <summary>The same for another core/v1 object (the plugins' Secrets).</summary>
    public async Task<bool> RecordAsync(string kind, V1ObjectMeta subject, string reason, string action, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ns = subject.NamespaceProperty;
        // Event names follow the API server's own pattern, {object}.{hex timestamp}; the sequence keeps them unique.
        var stamp = (now.ToUnixTimeMilliseconds() * 1_000_000) + (Interlocked.Increment(ref sequence) % 1_000_000);
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{subject.Name}.{stamp.ToString("x", CultureInfo.InvariantCulture)}", NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "v1",
                Kind = kind,
                Name = subject.Name,
                NamespaceProperty = ns,
                Uid = subject.Uid,
                ResourceVersion = subject.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = "Normal",
            Action = action,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = identity,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(ev, ns, cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception e) when (KubeApiError.IsApiFailure(e, cancellationToken))
        {
            LogEventFailed(logger, reason, kind, subject.Name, KubeApiError.Describe(e));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record Event {Reason} on {Kind} {Name}: {Error}")]
    private static partial void LogEventFailed(ILogger logger, string reason, string kind, string name, string error);
}
