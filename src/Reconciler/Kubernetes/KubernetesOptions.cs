using System.ComponentModel.DataAnnotations;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>Options of the Kubernetes targets and leader election (section <c>GitOps:Kubernetes</c>, DESIGN §7).</summary>
public sealed class KubernetesOptions : IValidatableObject
{
    public const string SectionName = "GitOps:Kubernetes";

    /// <summary>Null (the default): enabled when a kubeconfig is given or the process runs in a cluster. False turns it off.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Path of a kubeconfig file; default the <c>KUBECONFIG</c> environment variable, then in-cluster config.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The namespace of the ConfigMaps, Events and Lease; default the kubeconfig context's or the pod's namespace.</summary>
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", ErrorMessage = "GitOps:Kubernetes:Namespace must be a DNS label")]
    [MaxLength(63)]
    public string? Namespace { get; set; }

    /// <summary>ConfigMaps are named <c>{ConfigMapPrefix}-{plugin}</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", ErrorMessage = "GitOps:Kubernetes:ConfigMapPrefix must be a DNS label")]
    [MaxLength(63)]
    public string ConfigMapPrefix { get; set; } = "gitops";

    /// <summary>The <c>coordination.k8s.io/v1</c> Lease the replicas elect their leader with.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", ErrorMessage = "GitOps:Kubernetes:LeaseName must be a DNS subdomain")]
    public string LeaseName { get; set; } = "gitops-reconciler";

    /// <summary>How long a lease is held without renewal before another replica may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it steps down; less than <see cref="LeaseDuration"/>.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates and the leader retry; less than <see cref="RenewDeadline"/>.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>This replica's identity in the Lease; default the pod name (POD_NAME, HOSTNAME), else machine name + random suffix.</summary>
    public string? Identity { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryPeriod <= TimeSpan.Zero)
            yield return new ValidationResult("GitOps:Kubernetes:RetryPeriod must be positive", [nameof(RetryPeriod)]);
        if (RenewDeadline <= RetryPeriod)
            yield return new ValidationResult("GitOps:Kubernetes:RenewDeadline must be longer than RetryPeriod", [nameof(RenewDeadline)]);
        if (LeaseDuration <= RenewDeadline)
            yield return new ValidationResult("GitOps:Kubernetes:LeaseDuration must be longer than RenewDeadline", [nameof(LeaseDuration)]);
    }
}
