using GitOps.Reconciler.Kubernetes;

namespace GitOps.Reconciler.Tests.Kubernetes;

/// <summary>What the listing tests check: a listed ConfigMap carries the hash in both its data and its annotation. (The
/// product decides drift in <see cref="Reconciliation.ReconcilePlanner"/> only.)</summary>
internal static class ManagedConfigMapAssertions
{
    public static bool Matches(this ManagedConfigMap configMap, string hash) => configMap.AnnotatedHash == hash && configMap.ContentHash == hash;
}
