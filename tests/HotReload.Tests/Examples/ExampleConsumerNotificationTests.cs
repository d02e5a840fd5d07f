using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GitOps.HotReload.Tests.Notifications;
using GitOps.TestSupport.HotReload;
using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace GitOps.HotReload.Tests.Examples;

/// <summary>examples/consumer subscribed to its plugin's topic on a real mosquitto: it acts on verified events only.</summary>
public sealed class ExampleConsumerNotificationTests
{
    [Fact]
    public async Task Consumer_AcceptsASignedEvent_AndRefusesAForgedOne()
    {
        await using var broker = await MosquittoBroker.CreateAsync();
        using var mount = new TempDirectory("consumer-mqtt-mount");
        new KubeletVolume(mount.Path).Write(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.ExamplesRepo, "plugins", "models"))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        var signer = new SignedEvents();
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            ExampleConsumerProcess.Dll, "--urls", $"http://127.0.0.1:{port}", "--Consumer:MountPath", mount.Path, "--Consumer:Plugin", "models",
            "--Consumer:Mqtt:Host", "127.0.0.1", "--Consumer:Mqtt:Port", broker.Port.ToString(CultureInfo.InvariantCulture),
            "--Consumer:Notifications:PublicKeys", Convert.ToBase64String(signer.PublicKey),
        }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            // Retained, so the consumer gets it whenever it subscribes.
            await PublishAsync(broker.Port, signer.Envelope(SignedEvents.Payload("event-1", "models", DateTimeOffset.UtcNow)));
            var verified = await ExampleConsumerProcess.WaitForAsync(http, body => body.GetProperty("lastVerifiedEvent").ValueKind == JsonValueKind.Object, "the consumer reports the expected event state");
            Assert.Equal("event-1", verified.GetProperty("lastVerifiedEvent").GetProperty("id").GetString());

            var forger = new SignedEvents();
            await PublishAsync(broker.Port, forger.Envelope(SignedEvents.Payload("event-2", "models", DateTimeOffset.UtcNow),
                keyId: GitOps.HotReload.Notifications.NotificationKey.IdOf(signer.PublicKey)));
            var refused = await ExampleConsumerProcess.WaitForAsync(http, body => body.GetProperty("refusedEvents").GetInt32() == 1, "the consumer reports the expected event state");
            Assert.Equal("event-1", refused.GetProperty("lastVerifiedEvent").GetProperty("id").GetString());
        }
        finally
        {
            await ChildProcesses.KillAndDisposeAsync(process);
        }
    }

    private static async Task PublishAsync(int port, byte[] body)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("gitops/config/models").WithPayload(body)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
        await client.DisconnectAsync();
    }
}
