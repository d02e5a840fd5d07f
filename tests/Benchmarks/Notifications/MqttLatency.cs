using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using GitOps.HotReload.Notifications;
using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GitOps.Benchmarks.Notifications;

/// <summary>B12, MQTT part (issue 16): a commit through the API → the verified MQTT message at a subscriber, against the
/// commit → the running plugin serving the change, both timed from the same commit in the same run. The service runs as
/// a child process with the MQTT sink pointed at Debian's mosquitto on loopback; the subscriber verifies every message
/// with GitOps.HotReload's NotificationVerifier; "applied" is detected by polling the source's entities every 2 ms.
/// Goal: MQTT p50 &lt;= 100 ms and &lt;= 1.5x the applied p50.</summary>
/// <remarks>Run with <c>dotnet GitOps.Benchmarks.dll --b12-mqtt [samples]</c>: a custom loop rather than BenchmarkDotNet,
/// because both times come from one commit.</remarks>
public static class MqttLatency
{
    private const string Catalog = "plugins/models/files/organization-models.yaml";

    public static async Task<int> RunAsync(int samples)
    {
        await using var broker = await MosquittoBroker.CreateAsync();
        using var data = new TempDirectory("b12-mqtt");
        await using var service = await ServiceProcess.StartAsync(data.Path, new Dictionary<string, string?>
        {
            ["GitOps__Auth__Mode"] = "None",
            ["GitOps__Notifications__Mqtt__Host"] = "127.0.0.1",
            ["GitOps__Notifications__Mqtt__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Serilog__MinimumLevel__Default"] = "Warning",
        });
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseAddress, "api/v1/") };
        var verifier = new NotificationVerifier(NotificationKey.ParseKeyList(await http.GetByteArrayAsync(new Uri("notifications/keys", UriKind.Relative))));
        var clock = Stopwatch.StartNew();
        var received = new Dictionary<string, TimeSpan>(); // commit → when its verified event arrived
        var refused = 0;
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var at = clock.Elapsed;
            var result = verifier.Verify(e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain);
            lock (received)
            {
                if (result is VerificationResult.Verified { Notification: var n }) received.TryAdd(n.Commit, at);
                else if (!e.ApplicationMessage.Retain) refused++;
            }
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic("gitops/config/models").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());

        var mqtt = new List<double>();
        var applied = new List<double>();
        for (var i = -2; i < samples; i++) // two warm-up commits
        {
            var expected = $"b12-model-{i}-{Guid.NewGuid():N}";
            using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(Catalog, UriKind.Relative))
            {
                Content = new StringContent($"source: Organization AI\nmodels:\n  - name: {expected}\n", Encoding.UTF8),
            };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
            put.Headers.TryAddWithoutValidation("If-Match", "*");
            var start = clock.Elapsed;
            using var response = await http.SendAsync(put);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"commit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var head = response.Headers.ETag!.Tag.Trim('"');
            TimeSpan? appliedAt = null;
            TimeSpan mqttAt;
            while (true)
            {
                if (appliedAt is null)
                {
                    var text = await http.GetStringAsync(new Uri("plugins/models/sources/organization_ai_models/entities", UriKind.Relative));
                    if (text.Contains(expected, StringComparison.Ordinal)) appliedAt = clock.Elapsed;
                }
                lock (received)
                {
                    if (appliedAt is not null && received.TryGetValue(head, out mqttAt)) break;
                }
                if (clock.Elapsed - start > TimeSpan.FromSeconds(20)) throw new TimeoutException($"commit {head} not applied and announced within 20 s:\n{service.Output}");
                await Task.Delay(2);
            }
            if (i >= 0)
            {
                applied.Add((appliedAt.Value - start).TotalMilliseconds);
                mqtt.Add((mqttAt - start).TotalMilliseconds);
            }
            await Task.Delay(300); // let the pass and the publisher settle before the next commit
        }
        Console.WriteLine($"B12 (MQTT) over {samples} commits through the API; refused messages: {refused}");
        Console.WriteLine($"commit → running plugin applied:      p50 {P(applied, 50):F1} ms, p95 {P(applied, 95):F1} ms");
        Console.WriteLine($"commit → verified MQTT message:       p50 {P(mqtt, 50):F1} ms, p95 {P(mqtt, 95):F1} ms");
        Console.WriteLine($"ratio (p50 MQTT / p50 applied): {P(mqtt, 50) / P(applied, 50):F2}");
        return 0;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
