using GitOps.Reconciler.Kubernetes;
using GitOps.WebhookApi.Events;
using GitOps.WebhookApi.Notifications.Mqtt;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Notifications;

/// <summary>Registers signed change notifications (section <c>GitOps:Notifications</c>): the key ring, the publisher fed by
/// reconcile passes, and the MQTT sink when configured. Call before <c>AddReconciliation</c>: the publisher must listen
/// before the start-up pass runs (hosted services start in registration order).</summary>
internal static class NotificationServices
{
    /// <summary>The key ring in the data directory when <c>KeyFile</c> is not set (beside <c>admin.token</c>).</summary>
    public const string DefaultKeyFile = "notifications.key";

    /// <summary>The dedupe state in the data directory.</summary>
    public const string StateFile = "notifications.state";

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ChangeFeed>();
        services.TryAddSingleton(sp => new NotificationMetrics(sp.GetRequiredService<Prometheus.CollectorRegistry>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<NotificationKeyRing>();
            return new NotificationKeyRing(KeyPath(sp, options), options.RetiredKeyRetention, sp.GetRequiredService<TimeProvider>(), logger);
        });
        services.AddSingleton<INotificationSigner>(sp => sp.GetRequiredService<NotificationKeyRing>());
        services.AddSingleton(sp =>
        {
            var repository = sp.GetRequiredService<IOptions<RepositoryOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<NotificationPublisher>();
            var layout = RepositoryLayout.For(repository);
            layout.ExcludeFromWorkTree(StateFile);
            var state = PublishedState.Store(Path.Combine(Path.GetFullPath(repository.Path), StateFile), logger);
            var feed = sp.GetRequiredService<ChangeFeed>();
            var store = sp.GetRequiredService<GitConfigStore>();
            var election = sp.GetRequiredService<LeaderElection>();
            return new NotificationPublisher(sp.GetRequiredService<INotificationSigner>(), sp.GetServices<INotificationSink>(),
                feed.Publish, () => store.Current, () => election.IsLeader, state,
                sp.GetRequiredService<IOptions<NotificationOptions>>().Value.IncludeFiles, sp.GetRequiredService<TimeProvider>(), logger);
        });
        services.AddMqttSink(configuration);
        services.AddHostedService<NotificationStartup>();
        return services;
    }

    private static string KeyPath(IServiceProvider services, NotificationOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyFile)) return options.KeyFile;
        var repository = services.GetRequiredService<IOptions<RepositoryOptions>>().Value;
        RepositoryLayout.For(repository).ExcludeFromWorkTree(DefaultKeyFile); // a working clone must never commit it
        return Path.Combine(Path.GetFullPath(repository.Path), DefaultKeyFile);
    }
}

/// <summary>Opens the key ring at start-up (a bad key file fails start-up naming the file) and feeds every finished pass to
/// the publisher; a publishing problem is logged, never thrown into the pass.</summary>
internal sealed partial class NotificationStartup(ReconcilePass pass, NotificationKeyRing keys, NotificationPublisher publisher,
    ILogger<NotificationStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogKeyRing(logger, keys.Path, keys.KeyId);
        pass.Completed += OnCompleted;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        pass.Completed -= OnCompleted;
        return Task.CompletedTask;
    }

    private void OnCompleted(ReconcileReport report)
    {
        try
        {
            publisher.OnPassCompleted(report);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, report.AppliedHead ?? "");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing change notifications with {KeyPath} ({KeyId})")]
    private static partial void LogKeyRing(ILogger logger, string keyPath, string keyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing change notifications for {Head} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string head);
}
