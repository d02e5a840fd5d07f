using System.Net;
using GitOps.Reconciler.Reconciliation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.WebhookApi.Tests.Webhooks;

public sealed class WebhookBurstTests
{
    [Fact]
    public async Task HundredSignedPushes_InOneSecond_CauseAtMostThreeFetches()
    {
        // The fetch clock stands still during the burst: everything that arrives after the leading fetch must
        // coalesce, however slowly this machine sends. Advancing it lets the trailing fetch run.
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        RecordingReconcileConsumer? consumer = null;
        using var host = new WebhookHost(services: services =>
        {
            services.AddSingleton(sp => consumer = new RecordingReconcileConsumer(sp.GetRequiredService<ReconcileTrigger>(), clock));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RecordingReconcileConsumer>());
        });
        var body = Deliveries.Bytes(Deliveries.Payload("github-push.json"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await host.Client.SendAsync(Deliveries.SignedGitHub("push", body));
            return response.StatusCode;
        }));
        var trigger = host.Get<ReconcileTrigger>();
        trigger.Request(new ReconcileRequest("after-burst", Fetch: false));
        await consumer!.WaitForPassAsync("after-burst", whileWaiting: () => clock.Advance(TimeSpan.FromMilliseconds(500)));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.InRange(consumer.Fetches, 1, 3);
        Assert.InRange(consumer.Passes.Count(p => p.Fetch), 1, 3);
    }
}
