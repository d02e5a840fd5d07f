using k8s;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// Where the Kubernetes API is, decided once at start-up from <see cref="KubernetesOptions"/> (DESIGN §7): an explicit
/// kubeconfig, else <c>KUBECONFIG</c>, else in-cluster config; disabled when none is available or Enabled is false.
/// </summary>
public sealed record KubernetesConnection(bool Enabled, KubernetesClientConfiguration? Configuration, string Namespace, string Identity)
{
    public static KubernetesConnection Disabled(string identity) => new(false, null, "default", identity);

    /// <summary>Resolves the connection; throws <see cref="InvalidOperationException"/> naming the option when Enabled is true but nothing is configured.</summary>
    public static KubernetesConnection Resolve(KubernetesOptions options, Func<string, string?> environment)
    {
        var identity = ReplicaIdentity.Resolve(options.Identity, environment);
        if (options.Enabled == false) return Disabled(identity);

        var kubeconfig = options.Kubeconfig;
        if (string.IsNullOrWhiteSpace(kubeconfig))
            kubeconfig = environment("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

        KubernetesClientConfiguration? configuration = null;
        if (!string.IsNullOrWhiteSpace(kubeconfig))
        {
            if (!File.Exists(kubeconfig))
                throw new InvalidOperationException($"GitOps:Kubernetes:Kubeconfig: the file '{kubeconfig}' does not exist");
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            configuration = KubernetesClientConfiguration.InClusterConfig();
        }

        if (configuration is null)
        {
            return options.Enabled == true
                ? throw new InvalidOperationException(
                    "GitOps:Kubernetes:Enabled is true but there is no GitOps:Kubernetes:Kubeconfig, no KUBECONFIG and no in-cluster service account")
                : Disabled(identity);
        }
        var ns = options.Namespace ?? (string.IsNullOrEmpty(configuration.Namespace) ? "default" : configuration.Namespace);
        return new KubernetesConnection(true, configuration, ns, identity);
    }

    /// <summary>A client for this connection whose requests <paramref name="counter"/> counts.</summary>
    public IKubernetes CreateClient(ApiCallCounter counter) =>
        Configuration is null
            ? throw new InvalidOperationException("Kubernetes is disabled: there is no client to create")
            : new k8s.Kubernetes(Configuration, counter);
}
