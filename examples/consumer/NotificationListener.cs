using System.Buffers;
using GitOps.HotReload.Notifications;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GitOps.Examples.Consumer;

/// <summary>Subscribes to the reconciler's change notifications for one plugin over MQTT (<c>{TopicPrefix}/{plugin}</c>),
/// verifies each (signature, key id, replay, time window) and re-reads the mount at once on a verified event, instead of
/// waiting for the directory watch to notice kubelet's update (docs/NOTIFICATIONS.md).</summary>
/// <remarks>Settings: <c>Consumer:Mqtt:Host</c> (off when empty), <c>…:Port</c> (1883), <c>…:TopicPrefix</c>
/// (gitops/config), <c>Consumer:Plugin</c> and <c>Consumer:Notifications:PublicKeys</c> (base64 keys from
/// <c>GET /api/v1/notifications/keys</c>, comma-separated: pinned, never fetched unauthenticated).</remarks>
internal sealed partial class NotificationListener(IConfiguration configuration, Func<string> reloadMount, ILogger<NotificationListener> logger) : BackgroundService
{
    private readonly NotificationVerifier _verifier = new(
        (configuration["Consumer:Notifications:PublicKeys"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(NotificationKey.FromBase64));

    /// <summary>The last verified event, and how many messages were refused.</summary>
    public VerifiedNotification? LastVerified { get; private set; }

    public int Refused { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var host = configuration["Consumer:Mqtt:Host"];
        if (string.IsNullOrWhiteSpace(host)) return;
        var topic = $"{configuration["Consumer:Mqtt:TopicPrefix"] ?? "gitops/config"}/{configuration["Consumer:Plugin"] ?? "models"}";
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            OnMessage(e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, int.Parse(configuration["Consumer:Mqtt:Port"] ?? "1883", System.Globalization.CultureInfo.InvariantCulture))
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(options, stoppingToken);
                    await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build(), stoppingToken);
                    LogSubscribed(logger, topic);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBrokerDown(logger, host, ex.Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
        }
    }

    private void OnMessage(byte[] body, bool retained)
    {
        switch (_verifier.Verify(body, retained))
        {
            case VerificationResult.Verified { Notification: var notification }:
                LastVerified = notification;
                var reload = reloadMount();
                LogVerified(logger, notification.Id, notification.Plugin, notification.Hash ?? "(removed)", reload);
                break;
            case VerificationResult.Rejected rejected:
                Refused++;
                LogRefused(logger, rejected.Reason, rejected.Message);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to {Topic}")]
    private static partial void LogSubscribed(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker {Host} unreachable: {Reason}")]
    private static partial void LogBrokerDown(ILogger logger, string host, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified event {EventId} for {Plugin} (hash {Hash}); reloaded the mount: {Reload}")]
    private static partial void LogVerified(ILogger logger, string eventId, string plugin, string hash, string reload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a notification ({Reason}): {Message}")]
    private static partial void LogRefused(ILogger logger, RejectionReason reason, string message);
}
