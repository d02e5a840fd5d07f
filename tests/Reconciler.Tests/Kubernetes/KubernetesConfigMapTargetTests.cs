using System.Text.Json.Nodes;
using System.Threading.Channels;
using GitOps.Reconciler.Kubernetes;
using GitOps.TestSupport.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static GitOps.Reconciler.Tests.Kubernetes.KubeTestPlugins;

namespace GitOps.Reconciler.Tests.Kubernetes;

/// <summary>The ConfigMap target against the fake API server, through the real KubernetesClient.</summary>
public sealed class KubernetesConfigMapTargetTests : IAsyncLifetime, IDisposable
{
    private const string Commit1 = "1111111111111111111111111111111111111111";
    private const string Commit2 = "2222222222222222222222222222222222222222";

    private static readonly GitOps.Reconciler.Configuration.PluginSnapshot Models = Plugin("models",
        ("sources.yaml", "apiVersion: gitops/v1\nplugin: models\nsources: []\n"), ("catalog.yaml", "models:\n  - name: granite\n"));

    private FakeKubeApiServer server = null!;
    private ApiCallCounter counter = null!;
    private k8s.Kubernetes client = null!;
    private k8s.Kubernetes other = null!;
    private KubernetesConfigMapTarget target = null!;

    private string Ns => server.Namespace;

    public async Task InitializeAsync()
    {
        server = await FakeKubeApiServer.StartAsync("gitops-system");
        counter = new ApiCallCounter();
        client = server.CreateClient(counter);
        other = server.CreateClient();
        target = new KubernetesConfigMapTarget(client, Ns, "gitops", "replica-a", TimeProvider.System, NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        other.Dispose();
        await server.DisposeAsync();
    }

    public void Dispose() => counter.Dispose();

    [Fact]
    public async Task EnsureAsync_OfMissingConfigMap_CreatesItLabelledAndAnnotated_AndRecordsCreatedEvent()
    {
        var outcome = await target.EnsureAsync(Models, Commit1, default);

        Assert.IsType<ConfigMapOutcome.Created>(outcome);
        var cm = await other.CoreV1.ReadNamespacedConfigMapAsync("gitops-models", Ns);
        Assert.Equal(Models.Files.Keys, cm.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("models:\n  - name: granite\n", cm.Data["catalog.yaml"]);
        Assert.Equal("gitops-reconciler", cm.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("models", cm.Metadata.Labels["gitops.reconciler/plugin"]);
        Assert.Equal(Commit1, cm.Metadata.Annotations["gitops.reconciler/commit"]);
        Assert.Equal(Models.Hash, cm.Metadata.Annotations["gitops.reconciler/hash"]);
        var ev = await SingleEventAsync("Created");
        Assert.Contains(Commit1, ev.Message, StringComparison.Ordinal);
        Assert.Equal(("ConfigMap", "gitops-models", cm.Metadata.Uid), (ev.InvolvedObject.Kind, ev.InvolvedObject.Name, ev.InvolvedObject.Uid));
        Assert.Equal(("Normal", "gitops-reconciler"), (ev.Type, ev.Source.Component));
    }

    [Fact]
    public async Task EnsureAsync_AfterDataEditedBehindOurBack_RestoresIt_AndRecordsDriftCorrectedNamingTheCommit()
    {
        await target.EnsureAsync(Models, Commit1, default);
        await other.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"catalog.yaml":"models: []\n","injected.yaml":"x: 1\n"}}""", V1Patch.PatchType.MergePatch), "gitops-models", Ns);
        var listed = Assert.IsType<ConfigMapListing.Listed>(await target.ListAsync(default)).ByPlugin["models"];

        var outcome = await target.EnsureAsync(Models, Commit2, default);

        Assert.Equal(Models.Hash, listed.AnnotatedHash);
        Assert.False(listed.Matches(Models.Hash));
        Assert.Equal(ConfigMapDrift.Data, Assert.IsType<ConfigMapOutcome.Corrected>(outcome).Drift);
        var cm = await other.CoreV1.ReadNamespacedConfigMapAsync("gitops-models", Ns);
        Assert.Equal(Models.Hash, ConfigMapManifest.ContentHashOf(cm));
        Assert.False(cm.Data.ContainsKey("injected.yaml"));
        Assert.Equal(Commit2, cm.Metadata.Annotations["gitops.reconciler/commit"]);
        Assert.Contains(Commit2, (await SingleEventAsync("DriftCorrected")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_AfterConfigMapWasDeleted_RecreatesIt()
    {
        await target.EnsureAsync(Models, Commit1, default);
        await other.CoreV1.DeleteNamespacedConfigMapAsync("gitops-models", Ns);

        var outcome = await target.EnsureAsync(Models, Commit1, default);

        Assert.IsType<ConfigMapOutcome.Created>(outcome);
        Assert.Equal(Models.Hash, ConfigMapManifest.ContentHashOf(await other.CoreV1.ReadNamespacedConfigMapAsync("gitops-models", Ns)));
        Assert.Equal(2, (await EventsAsync("Created")).Count);
    }

    [Fact]
    public async Task EnsureAsync_WhenNothingDrifted_WritesNothing_EvenForANewCommit()
    {
        await target.EnsureAsync(Models, Commit1, default);
        var writesBefore = counter.Writes;
        server.ClearRequests();

        var outcome = await target.EnsureAsync(Models, Commit2, default);

        Assert.IsType<ConfigMapOutcome.Unchanged>(outcome);
        Assert.False(outcome.Wrote);
        Assert.Equal(writesBefore, counter.Writes);
        Assert.DoesNotContain(server.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task EnsureAsync_WithBinaryFile_RoundTripsThroughBinaryData()
    {
        var plugin = Plugin("bin", ("sources.yaml", "a: 1\n"u8.ToArray()), ("blob.bin", new byte[] { 0xff, 0x00, 0x80 }));
        await target.EnsureAsync(plugin, Commit1, default);

        var second = await target.EnsureAsync(plugin, Commit1, default);

        Assert.IsType<ConfigMapOutcome.Unchanged>(second);
        Assert.Equal(new byte[] { 0xff, 0x00, 0x80 }, (await other.CoreV1.ReadNamespacedConfigMapAsync("gitops-bin", Ns)).BinaryData["blob.bin"]);
    }

    [Fact]
    public async Task EnsureAsync_WhenAnotherWriterUpdatesBetweenReadAndPatch_RetriesAndEndsCorrect()
    {
        await target.EnsureAsync(Models, Commit1, default);
        var changed = Plugin("models", ("sources.yaml", "apiVersion: gitops/v1\nplugin: models\nsources: []\n"));
        server.Faults.BeforeNext("PATCH", "/configmaps/gitops-models", store => store.MergePatch(KubeResourceType.ConfigMaps, Ns, "gitops-models",
            JsonNode.Parse("""{"metadata":{"annotations":{"someone":"else"}},"data":{"catalog.yaml":"raced\n"}}""")!.AsObject()));

        var outcome = await target.EnsureAsync(changed, Commit2, default);

        Assert.IsType<ConfigMapOutcome.Corrected>(outcome);
        Assert.Equal(2, server.Requests.Count(r => r.Method == "PATCH"));
        var cm = await other.CoreV1.ReadNamespacedConfigMapAsync("gitops-models", Ns);
        Assert.Equal(changed.Hash, ConfigMapManifest.ContentHashOf(cm));
        Assert.Equal("else", cm.Metadata.Annotations["someone"]);
    }

    [Fact]
    public async Task EnsureAsync_WhenAnotherWriterCreatesItFirst_RetriesAsCorrection()
    {
        server.Faults.BeforeNext("POST", "/configmaps", store => store.Create(KubeResourceType.ConfigMaps, Ns,
            JsonNode.Parse("""{"metadata":{"name":"gitops-models"},"data":{"other.yaml":"x\n"}}""")!.AsObject()));

        var outcome = await target.EnsureAsync(Models, Commit1, default);

        Assert.IsType<ConfigMapOutcome.Corrected>(outcome);
        Assert.Equal(Models.Hash, ConfigMapManifest.ContentHashOf(await other.CoreV1.ReadNamespacedConfigMapAsync("gitops-models", Ns)));
    }

    [Fact]
    public async Task EnsureAsync_OfPluginOverOneMebibyte_ReturnsTooLargeAndWritesNothing()
    {
        var big = Plugin("big", ("sources.yaml", "a: 1\n"), ("catalog.yaml", new string('x', 1024 * 1024)));

        var outcome = await target.EnsureAsync(big, Commit1, default);

        var tooLarge = Assert.IsType<ConfigMapOutcome.TooLarge>(outcome);
        Assert.True(tooLarge.Bytes > tooLarge.Limit);
        Assert.Equal(0, counter.Writes);
    }

    [Fact]
    public async Task EnsureAsync_WhenApiServerAnswers500_ReturnsFailedWithoutThrowing()
    {
        server.Faults.FailNext(1, 500);

        var outcome = await target.EnsureAsync(Models, Commit1, default);

        Assert.Contains("500", Assert.IsType<ConfigMapOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
        Assert.IsType<ConfigMapOutcome.Created>(await target.EnsureAsync(Models, Commit1, default));
    }

    [Fact]
    public async Task EnsureAsync_WhenApiServerIsGone_ReturnsFailedWithoutThrowing()
    {
        await server.DisposeAsync();

        var outcome = await target.EnsureAsync(Models, Commit1, default);

        Assert.IsType<ConfigMapOutcome.Failed>(outcome);
        server = await FakeKubeApiServer.StartAsync();
    }

    [Fact]
    public async Task EnsureAsync_When429_WaitsForRetryAfterAndSucceeds()
    {
        var time = new TimerRecordingTimeProvider();
        var paced = new KubernetesConfigMapTarget(client, Ns, "gitops", "replica-a", time, NullLoggerFactory.Instance);
        server.Faults.FailNext(1, 429, retryAfterSeconds: 3);
        var requestsBefore = server.Requests.Count;

        var ensure = paced.EnsureAsync(Models, Commit1, default);
        var wait = await time.NextTimerAsync();
        var requestsWhileWaiting = server.Requests.Count - requestsBefore;
        time.Advance(wait);
        var outcome = await ensure.WaitAsync(TimeSpan.FromSeconds(60)); // a hang guard, not a timing assertion

        Assert.Equal(TimeSpan.FromSeconds(3), wait); // the server's Retry-After, on the target's clock
        Assert.Equal(1, requestsWhileWaiting); // nothing more was sent while waiting
        Assert.IsType<ConfigMapOutcome.Created>(outcome);
        var requests = server.Requests.Skip(requestsBefore).ToList();
        Assert.Equal((requests[0].Method, requests[0].Path), (requests[1].Method, requests[1].Path)); // the refused request, sent again
    }

    /// <summary>Fake time that reports each timer created on it (Task.Delay with a TimeProvider creates one), so a test
    /// knows when the code under test is waiting and for how long, and moves time only then.</summary>
    private sealed class TimerRecordingTimeProvider : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> timers = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Report the timer only once it is registered: a test that advances time on the report must not move the
            // clock before the timer exists (it would never fire, and the code under test would wait forever).
            var timer = base.CreateTimer(callback, state, dueTime, period);
            timers.Writer.TryWrite(dueTime);
            return timer;
        }

        public async Task<TimeSpan> NextTimerAsync()
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a hang guard, not a timing assertion
            return await timers.Reader.ReadAsync(guard.Token);
        }
    }

    [Fact]
    public async Task ListAsync_ReturnsManagedConfigMapsByPlugin_AndIgnoresOthers()
    {
        await target.EnsureAsync(Models, Commit1, default);
        await other.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "unrelated" } }, Ns);

        var listed = Assert.IsType<ConfigMapListing.Listed>(await target.ListAsync(default));

        var models = Assert.Single(listed.ByPlugin).Value;
        Assert.Equal(("gitops-models", Commit1), (models.Name, models.Commit));
        Assert.True(models.Matches(Models.Hash));
        Assert.Contains("labelSelector=app.kubernetes.io", Uri.UnescapeDataString(server.Requests[^1].Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_WhenApiServerAnswers500_ReturnsUnavailable()
    {
        server.Faults.FailNext(1, 500);

        Assert.IsType<ConfigMapListing.Unavailable>(await target.ListAsync(default));
    }

    [Fact]
    public async Task PruneAsync_OfManagedConfigMap_DeletesIt_AndRecordsPrunedEvent()
    {
        await target.EnsureAsync(Models, Commit1, default);

        var outcome = await target.PruneAsync("models", Commit2, default);

        Assert.IsType<ConfigMapOutcome.Pruned>(outcome);
        Assert.Empty((await other.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items);
        Assert.Contains(Commit2, (await SingleEventAsync("Pruned")).Message, StringComparison.Ordinal);
        Assert.IsType<ConfigMapOutcome.Unchanged>(await target.PruneAsync("models", Commit2, default));
    }

    [Fact]
    public async Task PruneAsync_OfConfigMapWeDoNotManage_LeavesItAlone()
    {
        await other.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "gitops-models" } }, Ns);

        var outcome = await target.PruneAsync("models", Commit1, default);

        Assert.IsType<ConfigMapOutcome.Failed>(outcome);
        Assert.Single((await other.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items);
    }

    private async Task<IReadOnlyList<Corev1Event>> EventsAsync(string reason) =>
        (await other.CoreV1.ListNamespacedEventAsync(Ns)).Items.Where(e => e.Reason == reason).ToList();

    private async Task<Corev1Event> SingleEventAsync(string reason) => Assert.Single(await EventsAsync(reason));
}
