using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GitOps.WebhookApi.Notifications.Mqtt;

/// <summary>Publishes every notification to <c>{TopicPrefix}/{plugin}</c> with QoS 1 and the retain flag, so a consumer
/// that subscribes later gets the latest event of each plugin at once. The body is the signed envelope
/// (<see cref="NotificationEnvelope"/>).</summary>
/// <remarks>Enqueue never blocks: events wait in <see cref="PendingNotifications"/> (newest per plugin, bounded) while the
/// broker is unreachable; one loop connects with backoff and sends them oldest first. An event leaves the queue only when
/// the broker acknowledged it (PUBACK): a connection lost mid-send sends it again with the same event id.</remarks>
internal sealed partial class MqttNotificationSink : BackgroundService, INotificationSink
{
    public const string SinkName = "mqtt";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);

    private readonly MqttSinkOptions _options;
    private readonly NotificationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttNotificationSink> _logger;
    private readonly PendingNotifications _pending;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _clientOptions;

    public MqttNotificationSink(MqttSinkOptions options, string clientId, NotificationMetrics metrics, TimeProvider time, ILogger<MqttNotificationSink> logger)
    {
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _pending = new PendingNotifications(options.MaxPending);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(options.Username)) builder.WithCredentials(options.Username, options.Password);
        if (options.UseTls) builder.WithTlsOptions(tls => tls.UseTls());
        _clientOptions = builder.Build();
        metrics.Register(SinkName);
    }

    public string Name => SinkName;

    /// <summary>Events waiting for the broker.</summary>
    public int Pending => _pending.Count;

    public void Enqueue(SignedNotification notification)
    {
        var (superseded, evicted) = _pending.Put(notification);
        if (superseded) _metrics.Count(SinkName, NotificationOutcome.Superseded);
        if (evicted)
        {
            _metrics.Count(SinkName, NotificationOutcome.Dropped);
            LogEvicted(_logger, _options.MaxPending);
        }
        _metrics.SetQueueDepth(SinkName, _pending.Count);
        Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        var down = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_pending.Peek() is not { } next)
                {
                    await _signal.WaitAsync(stoppingToken);
                    continue;
                }
                string? failure = null;
                try
                {
                    if (!_client.IsConnected) await _client.ConnectAsync(_clientOptions, stoppingToken);
                    var result = await _client.PublishAsync(Message(next), stoppingToken);
                    if (result.IsSuccess)
                    {
                        _pending.Complete(next);
                        _metrics.Count(SinkName, NotificationOutcome.Sent);
                        _metrics.SetQueueDepth(SinkName, _pending.Count);
                        if (down) LogReconnected(_logger, _options.Host!, _options.Port, _pending.Count);
                        (down, delay) = (false, FirstRetry);
                        continue;
                    }
                    failure = $"broker answered {result.ReasonCode} {result.ReasonString}";
                }
                catch (Exception ex) when (ex is MqttCommunicationException or SocketException or IOException or InvalidOperationException
                    or OperationCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    failure = ex.Message;
                }
                _metrics.Count(SinkName, NotificationOutcome.Failed);
                if (!down) LogBrokerDown(_logger, _options.Host!, _options.Port, failure, _pending.Count);
                down = true;
                await Task.Delay(delay, _time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or SocketException or IOException or OperationCanceledException)
            {
                // Shutting down: the broker drops the session either way.
            }
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        _signal.Dispose();
        base.Dispose();
    }

    private MqttApplicationMessage Message(SignedNotification notification) => new MqttApplicationMessageBuilder()
        .WithTopic($"{_options.TopicPrefix}/{notification.Event.Plugin}")
        .WithPayload(NotificationEnvelope.Write(notification))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag()
        .WithContentType("application/json")
        .Build();

    private void Wake()
    {
        try
        {
            if (_signal.CurrentCount == 0) _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled by a concurrent Enqueue.
        }
        catch (ObjectDisposedException)
        {
            // Shut down: nothing sends any more.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} unreachable ({Reason}); {Pending} notification(s) kept until it is back")]
    private static partial void LogBrokerDown(ILogger logger, string host, int port, string? reason, int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker {Host}:{Port} reachable again; {Pending} notification(s) still waiting")]
    private static partial void LogReconnected(ILogger logger, string host, int port, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT notification queue full ({MaxPending} plugins): the oldest plugin's event was dropped")]
    private static partial void LogEvicted(ILogger logger, int maxPending);
}
