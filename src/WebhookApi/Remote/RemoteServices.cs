using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Reconciliation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Remote;

/// <summary>Registers remote mode (DESIGN §3) when <c>GitOps:Repository:RemoteUrl</c> is set: the remote, its fetch seam
/// (<see cref="IRemoteSync"/>, for the reconcile pass), the start-up clone, recovery from degraded mode, and pull-request
/// mode. <see cref="RemoteState"/> is registered in every mode (status reads it). Call before <c>StoreStartup</c>:
/// the clone must exist before the store opens.</summary>
internal static class RemoteServices
{
    public static IServiceCollection AddRemoteRepository(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RemoteState>();
        // The one registration of the mutation mode: pull-request mode needs a remote, status reports the mode in every mode.
        services.AddOptions<MutationOptions>().BindConfiguration(MutationOptions.SectionName).ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration[$"{RepositoryOptions.SectionName}:RemoteUrl"])) return services;

        services.AddSingleton<GitRemote>();
        services.AddSingleton<PullRequestProposer>();
        services.AddSingleton<RemoteSync>();
        services.AddSingleton<IRemoteSync>(sp => sp.GetRequiredService<RemoteSync>());
        services.TryAddSingleton<ReconcileTrigger>();
        services.AddHostedService<RemoteStartup>();
        services.AddHostedService<RemoteRecovery>();
        return services;
    }
}
