namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// A ConfigMap this service manages, as listed from the API server.
/// </summary>
/// <param name="Plugin">The plugin, from the <c>gitops.reconciler/plugin</c> label.</param>
/// <param name="Name">The ConfigMap's name.</param>
/// <param name="AnnotatedHash">The <c>gitops.reconciler/hash</c> annotation: the plugin hash it was last written from (null when missing).</param>
/// <param name="ContentHash">The plugin hash computed from the ConfigMap's actual data, so an edit behind our back shows even when the annotation was left alone.</param>
/// <param name="Commit">The <c>gitops.reconciler/commit</c> annotation.</param>
/// <param name="ResourceVersion">The resourceVersion it was read at.</param>
/// <remarks>A plain observation: whether it drifted is decided by <see cref="Reconciliation.ReconcilePlanner"/> alone.</remarks>
public sealed record ManagedConfigMap(string Plugin, string Name, string? AnnotatedHash, string ContentHash, string? Commit, string ResourceVersion);
