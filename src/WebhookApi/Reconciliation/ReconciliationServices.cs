using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace GitOps.WebhookApi.Reconciliation;

/// <summary>Registers the reconcile pass, its Quartz job and request loop, leader election and the Kubernetes targets.
/// Call after the store and the plugin runtime: hosted services start in order, and the start-up pass needs both.</summary>
internal static class ReconciliationServices
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGitOpsMetrics();
        services.AddOptions<ReconcileOptions>().BindConfiguration(ReconcileOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReconcileTrigger>();
        services.AddSingleton(sp => KubernetesTargets.Create(sp.GetRequiredService<IOptions<KubernetesOptions>>().Value,
            Environment.GetEnvironmentVariable, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<KubernetesTargets>().Election);
        services.AddSingleton(sp => new ReconcilePass(
            sp.GetRequiredService<GitConfigStore>(),
            sp.GetRequiredService<PluginHost>(),
            sp.GetRequiredService<LeaderElection>(),
            sp.GetRequiredService<KubernetesTargets>().ConfigMaps,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReconcilePass>>(),
            sp.GetService<IRemoteSync>(),
            Secrets.SecretServices.KubernetesTarget(sp),
            sp.GetRequiredService<GitOpsMetrics>()));

        // The interval is validated on start; a bad value must not break registration before that message is shown.
        var interval = configuration.GetSection(ReconcileOptions.SectionName).Get<ReconcileOptions>()?.Interval ?? TimeSpan.FromSeconds(30);
        if (interval <= TimeSpan.Zero) interval = TimeSpan.FromSeconds(30);
        // A scheduler name of its own: tests host several services in one process.
        var scheduler = $"gitops-reconcile-{Guid.NewGuid():N}";
        services.AddQuartz(scheduler, quartz =>
        {
            quartz.AddJob<ReconcileJob>(job => job.WithIdentity(ReconcileJob.Key));
            quartz.AddTrigger(trigger => trigger
                .ForJob(ReconcileJob.Key)
                .WithIdentity("reconcile-interval", "gitops")
                .StartAt(TimeProvider.System.GetUtcNow() + interval) // the start-up pass runs before the host serves
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddHostedService<LeaderElectionService>();
        services.AddHostedService<ReconcileRequests>();
        services.AddQuartzHostedService(scheduler, quartz => quartz.WaitForJobsToComplete = true);
        return services;
    }
}
