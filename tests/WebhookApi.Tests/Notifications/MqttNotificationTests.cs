using System.Text;
using GitOps.HotReload.Notifications;
using GitOps.TestSupport.Mqtt;

namespace GitOps.WebhookApi.Tests.Notifications;

/// <summary>Issue 16, MQTT sink: the real service publishing to Debian's mosquitto on loopback.</summary>
public sealed class MqttNotificationTests
{
    private const string Models = "gitops/config/models";

    [Fact]
    public async Task Commit_ThroughApi_ReachesSubscriberSignedAndRetainedForLateSubscriber()
    {
        await using var broker = await MosquittoBroker.CreateAsync();
        await using var service = await NotifiedService.StartAsync(broker.Port);
        var verifier = await service.VerifierAsync();
        await using var subscriber = await MqttSubscriber.ConnectAsync(broker.Port);
        // The start-up pass announced every plugin; the broker kept the latest of each.
        var first = Verified(verifier, await subscriber.NextAsync(m => m.Topic == Models), retained: true);
        Assert.Equal("Succeeded", first.Outcome);

        var head = await service.RenameSourceAsync("Renamed for MQTT");

        var message = await subscriber.NextAsync(m => m.Topic == Models && !m.Retained);
        var changed = Verified(verifier, message, retained: false);
        Assert.Equal(head, changed.Commit);
        Assert.Equal(first.Hash, changed.PreviousHash);
        Assert.NotEqual(first.Hash, changed.Hash);
        Assert.Equal(["organization_ai_models"], changed.ChangedSources.ToArray());
        Assert.DoesNotContain(ApiServer.AdminToken, Encoding.UTF8.GetString(message.Payload));
        // Only models changed: no other plugin's topic got a new event.
        Assert.DoesNotContain(subscriber.Drain(), m => !m.Retained && m.Topic != Models);

        // A consumer that connects later gets the latest event at once (retained), the same event id.
        await using var late = await MqttSubscriber.ConnectAsync(broker.Port, Models);
        var retained = await late.NextAsync(_ => true);
        Assert.True(retained.Retained);
        var again = Verified(await service.VerifierAsync(), retained, retained: true);
        Assert.Equal(changed.Id, again.Id);
        // Replayed to the first verifier, the same message is refused.
        var replay = Assert.IsType<VerificationResult.Rejected>(verifier.Verify(retained.Payload, retained: true));
        Assert.Equal(RejectionReason.Replayed, replay.Reason);
    }

    [Fact]
    public async Task BrokerDown_AtStartAndMidRun_EventsAreKeptAndSentOnReconnect()
    {
        await using var broker = await MosquittoBroker.CreateAsync(start: false);
        await using var service = await NotifiedService.StartAsync(broker.Port);
        // The start-up pass ran with the broker down: its three events wait.
        Assert.Equal(3, await service.MetricAsync("gitops_notification_queue_depth", "sink=\"mqtt\""));
        Assert.Equal(0, await service.MetricAsync("gitops_notifications_total", "sink=\"mqtt\",outcome=\"sent\""));

        await broker.StartAsync();
        var verifier = await service.VerifierAsync(new NotificationVerifierOptions { Window = TimeSpan.FromMinutes(10) });
        await using (var subscriber = await MqttSubscriber.ConnectAsync(broker.Port))
        {
            var plugins = new HashSet<string>();
            while (plugins.Count < 3) plugins.Add(Verified(verifier, await subscriber.NextAsync(_ => true), retained: false).Plugin);
            Assert.Equal(["catalog", "mcp", "models"], plugins.Order());
        }
        Assert.True(await service.MetricAsync("gitops_notifications_total", "sink=\"mqtt\",outcome=\"failed\"") >= 1);

        // Down mid-run: the commit's event waits and is sent once the broker is back (same port, retained state lost).
        await broker.StopAsync();
        var head = await service.RenameSourceAsync("Renamed while the broker was down");
        await broker.StartAsync();
        await using var after = await MqttSubscriber.ConnectAsync(broker.Port, Models);
        var received = Verified(verifier, await after.NextAsync(_ => true), retained: false);
        Assert.Equal(head, received.Commit);
        Assert.Equal(["organization_ai_models"], received.ChangedSources.ToArray());
    }

    [Fact]
    public async Task Restart_WithNothingChanged_SendsNothing()
    {
        await using var broker = await MosquittoBroker.CreateAsync();
        await using var service = await NotifiedService.StartAsync(broker.Port);
        await using (var subscriber = await MqttSubscriber.ConnectAsync(broker.Port, Models))
            await subscriber.NextAsync(_ => true);

        await service.Service.RestartAsync();

        // Ready means the start-up pass ran and the publisher saw it: nothing was queued or sent.
        Assert.Equal(0, await service.MetricAsync("gitops_notification_queue_depth", "sink=\"mqtt\""));
        Assert.Equal(0, await service.MetricAsync("gitops_notifications_total", "sink=\"mqtt\",outcome=\"sent\""));
    }

    [Theory]
    [InlineData("GitOps__Notifications__Mqtt__Port", "70000", "GitOps:Notifications:Mqtt:Port")]
    [InlineData("GitOps__Notifications__Mqtt__TopicPrefix", "gitops/#", "GitOps:Notifications:Mqtt:TopicPrefix")]
    [InlineData("GitOps__Notifications__RetiredKeyRetention", "-1.00:00:00", "GitOps:Notifications:RetiredKeyRetention")]
    public async Task BadOption_FailsStartUp_NamingTheOption(string variable, string value, string option)
    {
        using var data = new GitOps.TestSupport.Hosting.TempDirectory("gitops-notify-bad");
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Notifications__Mqtt__Host"] = "127.0.0.1";
        settings[variable] = value;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GitOps.TestSupport.Hosting.ServiceProcess.StartAsync(data.Path, settings));

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    private static VerifiedNotification Verified(NotificationVerifier verifier, MqttSubscriber.Received message, bool retained)
    {
        var result = verifier.Verify(message.Payload, retained);
        var verified = Assert.IsType<VerificationResult.Verified>(result);
        Assert.Equal(message.Topic, $"gitops/config/{verified.Notification.Plugin}");
        return verified.Notification;
    }
}
