using GitOps.Reconciler.GitHub;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>Webhook endpoints' services, pull-request validation and the GitHub client (sections <c>GitOps:Webhooks</c>, <c>GitOps:GitHub</c>).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.SectionName)
            .PostConfigure<IOptions<RepositoryOptions>>((github, repository) => github.DeriveFrom(repository.Value.RemoteUrl))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReconcileTrigger>();
        services.TryAddSingleton(sp => GitHubClientFactory.Create(sp.GetRequiredService<IOptions<GitHubOptions>>().Value));
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<TrackedBranchPush>();
        services.AddSingleton<GitHubWebhook>();
        services.AddSingleton<GitLabWebhook>();
        services.AddSingleton<PullRequestQueue>();
        services.AddSingleton<PullRequestValidator>();
        services.AddSingleton<GitHubPullRequestReporter>();
        services.AddHostedService<PullRequestValidationWorker>();
        return services;
    }
}
