using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitOps.TestSupport.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitOps.Benchmarks.Notifications;

/// <summary>B12, webhook part (issue 16): the real service (child process) with 8 webhook subscribers on loopback; commits
/// through the API, one change event each. Delivery time of an event to a subscriber = the subscriber's clock when the
/// request arrives minus the CloudEvent's <c>time</c> (set when the event was published; same machine, same clock).
/// Run 1 (baseline): all 8 answer at once. Run 2: subscriber 0 takes 2 s per request. Goal: the p95 of the other seven in
/// run 2 &lt;= 1.2x their p95 in run 1.</summary>
/// <remarks>Run with <c>dotnet GitOps.Benchmarks.dll --b12-webhooks [commits]</c>. Not BenchmarkDotNet: the figure is a
/// distribution over many deliveries in one run, and the slow subscriber's backlog must build up within that run.</remarks>
internal static class WebhookFanOut
{
    private const int Subscribers = 8;
    private const string Secret = "whsec_YjEyLXdlYmhvb2stZmFuLW91dC1zZWNyZXQ=";
    private const string Token = "b12-webhook-admin-token";

    public static async Task<int> RunAsync(int commits)
    {
        // Warm-up, discarded: the receivers run in this process, so the first run would otherwise pay their JIT alone.
        await MeasureAsync(5, slow: false);
        var baseline = await MeasureAsync(commits, slow: false);
        var measured = await MeasureAsync(commits, slow: true);
        Console.WriteLine($"B12 webhooks: {commits} commits, {Subscribers} subscribers; delivery time of the 7 fast subscribers");
        Console.WriteLine("| run | deliveries | p50 | p95 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Print("all 8 fast (baseline)", baseline);
        Print("subscriber 0 takes 2 s", measured);
        var ratio = Percentile(measured, 0.95) / Percentile(baseline, 0.95);
        Console.WriteLine(FormattableString.Invariant($"p95 ratio: {ratio:0.00} (goal <= 1.2)"));
        return ratio <= 1.2 ? 0 : 1;
    }

    private static void Print(string name, IReadOnlyList<double> ms) => Console.WriteLine(FormattableString.Invariant(
        $"| {name} | {ms.Count} | {Percentile(ms, 0.5):0.0} ms | {Percentile(ms, 0.95):0.0} ms | {ms.Max():0.0} ms |"));

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>One run; returns the delivery times (ms) of subscribers 1..7 (the ones that are never slow).</summary>
    private static async Task<List<double>> MeasureAsync(int commits, bool slow)
    {
        var received = new ConcurrentBag<(int Subscriber, string Id, double Ms)>();
        var apps = new List<WebApplication>();
        var settings = new Dictionary<string, string?>
        {
            ["GitOps__Auth__Tokens__0__Name"] = "bench",
            ["GitOps__Auth__Tokens__0__Role"] = "admin",
            ["GitOps__Auth__Tokens__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        for (var i = 0; i < Subscribers; i++)
        {
            var index = i;
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            app.MapPost("/hook", async (HttpContext http) =>
            {
                var now = DateTimeOffset.UtcNow;
                using var body = await JsonDocument.ParseAsync(http.Request.Body);
                var time = body.RootElement.GetProperty("time").GetDateTimeOffset();
                received.Add((index, body.RootElement.GetProperty("id").GetString()!, (now - time).TotalMilliseconds));
                if (slow && index == 0) await Task.Delay(TimeSpan.FromSeconds(2), http.RequestAborted);
                return Results.Ok();
            });
            await app.StartAsync();
            apps.Add(app);
            settings[$"GitOps__Notifications__Webhooks__{i}__Url"] = $"http://127.0.0.1:{port}/hook";
            settings[$"GitOps__Notifications__Webhooks__{i}__Secret"] = Secret;
        }
        using var data = new TempDirectory("b12-webhooks");
        await using var service = await ServiceProcess.StartAsync(data.Path, settings);
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseAddress, "api/v1/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        // The start-up pass announces every plugin; measure only what the commits cause.
        await WaitAsync(() => received.Count(r => r.Subscriber == 1) >= 3, "the start-up events");
        var startup = received.Where(r => r.Subscriber == 1).Select(r => r.Id).ToHashSet();
        var enabled = true;
        for (var i = 0; i < commits; i++)
        {
            enabled = !enabled;
            using var request = new HttpRequestMessage(HttpMethod.Patch, "plugins/models/sources/community_models")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { enabled }), Encoding.UTF8, "application/merge-patch+json"),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await Task.Delay(200); // one event per pass; the slow subscriber's backlog grows by ~1.8 s per commit
        }
        await WaitAsync(() => Enumerable.Range(1, Subscribers - 1).All(s => received.Count(r => r.Subscriber == s && !startup.Contains(r.Id)) >= commits),
            "the fast subscribers' deliveries");
        var slowGot = received.Count(r => r.Subscriber == 0 && !startup.Contains(r.Id));
        Console.WriteLine($"run {(slow ? "with" : "without")} the slow subscriber: subscriber 0 had {slowGot} of {commits} when the other seven had all");
        foreach (var app in apps) await app.DisposeAsync();
        return [.. received.Where(r => r.Subscriber != 0 && !startup.Contains(r.Id)).Select(r => r.Ms)];
    }

    private static async Task WaitAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(20);
        }
    }
}
