using GitOps.Reconciler.Kubernetes;

namespace GitOps.WebhookApi.Notifications.Mqtt;

internal static class MqttSinkServices
{
    /// <summary>Registers the MQTT sink when <c>GitOps:Notifications:Mqtt:Host</c> is set (read at registration, like the
    /// reconcile interval; the options are validated on start).</summary>
    public static IServiceCollection AddMqttSink(this IServiceCollection services, IConfiguration configuration)
    {
        var host = configuration[$"{NotificationOptions.SectionName}:Mqtt:Host"];
        if (string.IsNullOrWhiteSpace(host)) return services;
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Mqtt;
            var clientId = string.IsNullOrWhiteSpace(options.ClientId) ? $"gitops-reconciler-{sp.GetRequiredService<LeaderElection>().Identity}" : options.ClientId;
            return new MqttNotificationSink(options, clientId, sp.GetRequiredService<NotificationMetrics>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MqttNotificationSink>>());
        });
        services.AddSingleton<INotificationSink>(sp => sp.GetRequiredService<MqttNotificationSink>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttNotificationSink>());
        return services;
    }
}
