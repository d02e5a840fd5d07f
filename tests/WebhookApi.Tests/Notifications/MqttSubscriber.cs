using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GitOps.WebhookApi.Tests.Notifications;

/// <summary>A consumer on the broker: subscribes to <c>gitops/config/#</c> (MQTT 5, QoS 1) and hands over every message.</summary>
public sealed class MqttSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<Received> _messages = Channel.CreateUnbounded<Received>();

    public sealed record Received(string Topic, byte[] Payload, bool Retained);

    public static async Task<MqttSubscriber> ConnectAsync(int port, string filter = "gitops/config/#")
    {
        var subscriber = new MqttSubscriber();
        subscriber._client.ApplicationMessageReceivedAsync += e =>
        {
            subscriber._messages.Writer.TryWrite(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"test-{Guid.NewGuid():N}").WithCleanStart(true).Build();
        await subscriber._client.ConnectAsync(options);
        await subscriber._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        return subscriber;
    }

    /// <summary>The next message that <paramref name="accept"/> takes (others are passed over), within 60 s.</summary>
    public async Task<Received> NextAsync(Func<Received, bool> accept)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Received message;
            try
            {
                message = await _messages.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("no matching MQTT message within 60 s");
            }
            if (accept(message)) return message;
        }
    }

    /// <summary>Messages already received and not yet taken.</summary>
    public List<Received> Drain()
    {
        var list = new List<Received>();
        while (_messages.Reader.TryRead(out var message)) list.Add(message);
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
