using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Secrets;

namespace GitOps.WebhookApi.Secrets;

/// <summary>Registers secrets: <see cref="SecretsOptions"/> and the <see cref="SecretCipher"/> over the key ring
/// (which the plugin host uses to decrypt the values sources refer to).</summary>
internal static class SecretServices
{
    public static IServiceCollection AddSecrets(this IServiceCollection services)
    {
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SecretCipher(KeyRingSource.Load(
            sp.GetRequiredService<IOptions<SecretsOptions>>().Value,
            sp.GetRequiredService<IOptions<RepositoryOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("GitOps.WebhookApi.Secrets.KeyRing"))));
        services.AddSingleton<SecretInventory>();
        return services;
    }

    /// <summary>The Kubernetes Secret target when <c>GitOps:Secrets:KubernetesSecrets</c> is on and Kubernetes is enabled.</summary>
    public static KubernetesSecretTarget? KubernetesTarget(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SecretsOptions>>().Value.KubernetesSecrets
            ? services.GetRequiredService<KubernetesTargets>().CreateSecretTarget(
                services.GetRequiredService<IOptions<KubernetesOptions>>().Value,
                services.GetRequiredService<SecretCipher>(),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILoggerFactory>())
            : null;
}
