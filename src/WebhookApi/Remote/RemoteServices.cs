using GitOps.Reconciler.Git.Remote;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Remote;

/// <summary>Registers remote mode (DESIGN §3) when <c>GitOps:Repository:RemoteUrl</c> is set: the remote, the one remote
/// catch-up and its seam for the reconcile pass (<see cref="IRemoteSync"/>), the publisher the store is constructed with
/// (push, or pull request), the start-up clone and recovery from degraded mode. <see cref="RemoteState"/> and the shared
/// <see cref="RepositoryHandle"/> are registered in every mode. Call before <c>StoreStartup</c>: the clone must exist
/// before the store opens.</summary>
internal static class RemoteServices
{
    public static IServiceCollection AddRemoteRepository(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RemoteState>();
        services.TryAddSingleton<RepositoryHandle>();
        // The one registration of the mutation mode: pull-request mode needs a remote, status reports the mode in every mode.
        services.AddOptions<MutationOptions>().BindConfiguration(MutationOptions.SectionName).ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration[$"{RepositoryOptions.SectionName}:RemoteUrl"])) return services;

        services.AddSingleton<GitRemote>();
        services.AddSingleton<PullRequestProposer>();
        services.AddSingleton<RemoteCatchUp>();
        services.AddSingleton<PushPublisher>();
        services.AddSingleton<PullRequestPublisher>();
        services.AddSingleton<ICommitPublisher>(sp => sp.GetRequiredService<IOptions<MutationOptions>>().Value.Mode == MutationMode.PullRequest
            ? sp.GetRequiredService<PullRequestPublisher>()
            : sp.GetRequiredService<PushPublisher>());
        services.AddSingleton<RemoteSync>();
        services.AddSingleton<IRemoteSync>(sp => sp.GetRequiredService<RemoteSync>());
        services.TryAddSingleton<ReconcileTrigger>();
        services.AddHostedService<RemoteStartup>();
        services.AddHostedService<RemoteRecovery>();
        return services;
    }
}
