using System.Threading.Channels;
using GitOps.TestSupport.Kubernetes;
using k8s;
using k8s.Models;

namespace GitOps.Reconciler.Tests.Kubernetes;

/// <summary>Watch streams, leases and faults of the fake API server beyond the basics, through the real KubernetesClient.</summary>
public sealed class FakeKubeWatchTests : IAsyncLifetime
{
    private FakeKubeApiServer server = null!;
    private k8s.Kubernetes client = null!;

    private string Ns => server.Namespace;

    public async Task InitializeAsync()
    {
        server = await FakeKubeApiServer.StartAsync();
        client = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Watch_ResumedFromTheLastSeenVersionAfterADrop_MissesNothingAndRepeatsNothing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = Collect(null, "app=x", cts.Token);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a", "x"), Ns, cancellationToken: cts.Token);
        var (_, seenA) = await first.Reader.ReadAsync(cts.Token);

        server.Faults.DropWatches();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Cm("b", "x"), Ns, cancellationToken: cts.Token);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Cm("other", "y"), Ns, cancellationToken: cts.Token);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Cm("c", "x"), Ns, cancellationToken: cts.Token);
        var resumed = Collect(seenA.Metadata.ResourceVersion, "app=x", cts.Token);

        var names = new[] { (await resumed.Reader.ReadAsync(cts.Token)).Item2.Metadata.Name, (await resumed.Reader.ReadAsync(cts.Token)).Item2.Metadata.Name };
        Assert.Equal(["b", "c"], names);
        Assert.Equal("a", seenA.Metadata.Name);
    }

    [Fact]
    public async Task Watch_WithoutAVersion_StartsWithTheCurrentObjectsAsAdded()
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a", "x"), Ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Cm("b", "x"), Ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var events = Collect(null, null, cts.Token);

        var first = await events.Reader.ReadAsync(cts.Token);
        var second = await events.Reader.ReadAsync(cts.Token);
        Assert.Equal([(WatchEventType.Added, "a"), (WatchEventType.Added, "b")], new[] { (first.Item1, first.Item2.Metadata.Name), (second.Item1, second.Item2.Metadata.Name) });
    }

    [Fact]
    public async Task Lease_ReplaceWithStaleResourceVersion_Answers409WithGroupQualifiedName()
    {
        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new() { Name = "l" }, Spec = new() { HolderIdentity = "a" } }, Ns);
        lease.Spec.HolderIdentity = "b";
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "l", Ns);
        lease.Spec.HolderIdentity = "c";

        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "l", Ns));

        var status = FakeKubeApiServerTests.StatusOf(e);
        Assert.Equal(("Conflict", "coordination.k8s.io"), (status.Reason, status.Details.Group));
        Assert.StartsWith("Operation cannot be fulfilled on leases.coordination.k8s.io \"l\"", status.Message, StringComparison.Ordinal);
        Assert.Equal("b", (await client.CoordinationV1.ReadNamespacedLeaseAsync("l", Ns)).Spec.HolderIdentity);
    }

    [Fact]
    public async Task Replace_ThatChangesNothing_KeepsTheResourceVersion()
    {
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a", "x"), Ns);

        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", Ns);

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task FailNext_MatchingMethodAndPath_LeavesOtherRequestsAlone_AndLatencyStillAnswers()
    {
        server.Faults.FailNext(1, 500, "POST", "/configmaps");
        server.Faults.Latency = TimeSpan.FromMilliseconds(20);

        var list = await client.CoreV1.ListNamespacedConfigMapAsync(Ns);
        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a", "x"), Ns));
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a", "x"), Ns);

        Assert.Empty(list.Items);
        Assert.Equal("a", created.Metadata.Name);
        Assert.Equal(["GET", "POST", "POST"], server.Requests.Select(r => r.Method));
    }

    private Channel<(WatchEventType, V1ConfigMap)> Collect(string? resourceVersion, string? selector, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<(WatchEventType, V1ConfigMap)>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, labelSelector: selector, resourceVersion: resourceVersion, cancellationToken: cancellationToken))
                    await channel.Writer.WriteAsync(item, cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
            {
                // The stream ended: dropped or the test is over.
            }
        }, cancellationToken);
        return channel;
    }

    private static V1ConfigMap Cm(string name, string app) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = app } },
    };
}
