using System.Net;
using System.Threading.Channels;
using GitOps.TestSupport.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Reconciler.Tests.Kubernetes;

/// <summary>Protocol conformance of the fake API server, driven by the real KubernetesClient through its kubeconfig.</summary>
public sealed class FakeKubeApiServerTests : IAsyncLifetime
{
    private FakeKubeApiServer server = null!;
    private k8s.Kubernetes client = null!;

    private string Ns => server.Namespace;

    public async Task InitializeAsync()
    {
        server = await FakeKubeApiServer.StartAsync("team-a");
        client = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Read_OfMissingConfigMap_Answers404WithNotFoundStatus()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("nope", Ns));

        var status = StatusOf(e);
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Equal(("Status", "v1", "Failure", "NotFound", 404), (status.Kind, status.ApiVersion, status.Status, status.Reason, status.Code));
        Assert.Equal("configmaps \"nope\" not found", status.Message);
        Assert.Equal(("nope", "configmaps"), (status.Details.Name, status.Details.Kind));
    }

    [Fact]
    public async Task Create_OfExistingName_Answers409AlreadyExists()
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dup"), Ns);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dup"), Ns));

        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Equal("AlreadyExists", StatusOf(e).Reason);
        Assert.Equal("configmaps \"dup\" already exists", StatusOf(e).Message);
    }

    [Fact]
    public async Task Create_StampsUidCreationTimestampGenerationAndIncreasingResourceVersions()
    {
        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new() { Name = "l" }, Spec = new() { HolderIdentity = "x" } }, Ns);
        var second = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);

        Assert.True(Guid.TryParse(first.Metadata.Uid, out _));
        Assert.NotNull(first.Metadata.CreationTimestamp);
        Assert.Equal(1, first.Metadata.Generation);
        Assert.Equal(Ns, first.Metadata.NamespaceProperty);
        var versions = new[] { first, (IMetadata<V1ObjectMeta>)lease, second }.Select(o => long.Parse(o.Metadata.ResourceVersion)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(3, versions.Distinct().Count());
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_Answers409Conflict()
    {
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm", ("k", "1")), Ns);
        created.Data["k"] = "2";
        var updated = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cm", Ns);

        created.Data["k"] = "3";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cm", Ns));

        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Equal("Conflict", StatusOf(e).Reason);
        Assert.Contains("the object has been modified", StatusOf(e).Message, StringComparison.Ordinal);
        Assert.Equal("2", (await client.CoreV1.ReadNamespacedConfigMapAsync("cm", Ns)).Data["k"]);
    }

    [Fact]
    public async Task MergePatch_SetsReplacesAndRemovesMembersPerRfc7386()
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm", ("keep", "1"), ("change", "2"), ("drop", "3")), Ns);

        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"change":"two","drop":null,"add":"4"},"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "cm", Ns);

        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", ["change"] = "two", ["add"] = "4" }, patched.Data);
        Assert.Equal("y", patched.Metadata.Labels["x"]);
        Assert.Equal("application/merge-patch+json", server.Requests.Last(r => r.Method == "PATCH").ContentType?.Split(';')[0]);
    }

    [Fact]
    public async Task MergePatch_WithStaleResourceVersionPrecondition_Answers409Conflict()
    {
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm", ("k", "1")), Ns);
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"2"}}""", V1Patch.PatchType.MergePatch), "cm", Ns);

        var stale = $$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"data":{"k":"3"}}""";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(stale, V1Patch.PatchType.MergePatch), "cm", Ns));

        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Equal("Conflict", StatusOf(e).Reason);
        Assert.Equal("2", (await client.CoreV1.ReadNamespacedConfigMapAsync("cm", Ns)).Data["k"]);
    }

    [Theory]
    [InlineData(V1Patch.PatchType.JsonPatch, """[{"op":"add","path":"/data/k","value":"2"}]""")]
    [InlineData(V1Patch.PatchType.StrategicMergePatch, """{"data":{"k":"2"}}""")]
    [InlineData(V1Patch.PatchType.ApplyPatch, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"k":"2"}}""")]
    public async Task Patch_OfUnimplementedType_Answers415UnsupportedMediaType(V1Patch.PatchType type, string body)
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm", ("k", "1")), Ns);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body, type), "cm", Ns, fieldManager: "test"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, e.Response.StatusCode);
        Assert.Equal(("UnsupportedMediaType", 415), (StatusOf(e).Reason, StatusOf(e).Code));
        Assert.Equal("1", (await client.CoreV1.ReadNamespacedConfigMapAsync("cm", Ns)).Data["k"]);
    }

    [Fact]
    public async Task Delete_WithStalePrecondition_Answers409AndKeepsTheObject()
    {
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), Ns);
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"2"}}""", V1Patch.PatchType.MergePatch), "cm", Ns);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.DeleteNamespacedConfigMapAsync("cm", Ns,
            new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = created.Metadata.ResourceVersion } }));
        var status = await client.CoreV1.DeleteNamespacedConfigMapAsync("cm", Ns,
            new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = created.Metadata.Uid } });

        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("Precondition failed", StatusOf(e).Message, StringComparison.Ordinal);
        Assert.Equal(("Success", "cm"), (status.Status, status.Details.Name));
        Assert.Empty((await client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items);
    }

    [Fact]
    public async Task List_WithLabelSelector_HonoursEqualityInequalityExistsAndNotExists()
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(Labelled("a", ("app", "x"), ("tier", "web")), Ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Labelled("b", ("app", "y")), Ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Labelled("c"), Ns);

        async Task<string> Names(string selector) =>
            string.Join(",", (await client.CoreV1.ListNamespacedConfigMapAsync(Ns, labelSelector: selector)).Items.Select(i => i.Metadata.Name));

        Assert.Equal("a", await Names("app=x"));
        Assert.Equal("a", await Names("app==x,tier"));
        Assert.Equal("b,c", await Names("app!=x"));
        Assert.Equal("a,b", await Names("app"));
        Assert.Equal("c", await Names("!app"));
        Assert.Equal("a,b", await Names("app in (x,y)"));
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedConfigMapAsync(Ns, labelSelector: "a b"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
    }

    [Fact]
    public async Task Watch_FromAResourceVersion_SeesAddedModifiedAndDeleted()
    {
        var start = (await client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Metadata.ResourceVersion;
        var events = Channel.CreateUnbounded<(WatchEventType, V1ConfigMap)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watching = Task.Run(async () =>
        {
            await foreach (var item in client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: start, cancellationToken: cts.Token))
                await events.Writer.WriteAsync(item, cts.Token);
        }, cts.Token);

        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("w", ("k", "1")), Ns);
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"2"}}""", V1Patch.PatchType.MergePatch), "w", Ns);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("w", Ns);

        var seen = new List<(WatchEventType Type, string Value)>();
        for (var i = 0; i < 3; i++)
        {
            var (type, cm) = await events.Reader.ReadAsync(cts.Token);
            seen.Add((type, cm.Data["k"]));
        }
        await cts.CancelAsync();
        Assert.Equal([(WatchEventType.Added, "1"), (WatchEventType.Modified, "2"), (WatchEventType.Deleted, "2")], seen);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }

    [Fact]
    public async Task Watch_FromACompactedResourceVersion_GetsExpired410Status()
    {
        var old = (await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns)).Metadata.ResourceVersion;
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), Ns);
        server.Store.Compact();
        var error = new TaskCompletionSource<Exception>();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync(Ns, resourceVersion: old, onError: e => error.TrySetResult(e), cancellationToken: cts.Token))
            Assert.Fail("no event may arrive from an expired version");

        var status = Assert.IsType<KubernetesException>(await error.Task).Status;
        Assert.Equal((410, "Expired"), (status.Code, status.Reason));
    }

    [Fact]
    public async Task DropWatches_ClosesOpenWatchStreams()
    {
        var closed = new TaskCompletionSource();
        var opened = new TaskCompletionSource();
        using var watcher = client.CoreV1.WatchListNamespacedConfigMap(Ns, onEvent: (_, _) => opened.TrySetResult(), onClosed: () => closed.TrySetResult());
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), Ns);
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));

        server.Faults.DropWatches();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(watcher.Watching);
    }

    [Fact]
    public async Task FailNext_Answers500ThenRecovers()
    {
        server.Faults.FailNext(1, 500, "GET", "/configmaps");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedConfigMapAsync(Ns));
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(Ns);

        Assert.Equal(("InternalError", 500), (StatusOf(e).Reason, StatusOf(e).Code));
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task FailNext_With429_SendsRetryAfter()
    {
        server.Faults.FailNext(1, 429, retryAfterSeconds: 7);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedConfigMapAsync(Ns));

        Assert.Equal(HttpStatusCode.TooManyRequests, e.Response.StatusCode);
        Assert.Equal("7", e.Response.Headers["Retry-After"].Single());
        Assert.Equal("TooManyRequests", StatusOf(e).Reason);
    }

    [Fact]
    public async Task Events_AreServedOnBothCoreAndEventsApiGroups()
    {
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new() { Name = "cm.1" },
            InvolvedObject = new V1ObjectReference { Kind = "ConfigMap", Name = "cm", NamespaceProperty = Ns },
            Reason = "Created",
            Message = "hello",
        }, Ns);
        await client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new() { Name = "cm.2" },
            Regarding = new V1ObjectReference { Kind = "ConfigMap", Name = "cm" },
            Reason = "Pruned",
            EventTime = DateTime.UtcNow,
            ReportingController = "test",
            ReportingInstance = "test",
            Action = "Delete",
            Type = "Normal",
        }, Ns);

        Assert.Equal("Created", Assert.Single((await client.CoreV1.ListNamespacedEventAsync(Ns)).Items).Reason);
        Assert.Equal("Pruned", Assert.Single((await client.EventsV1.ListNamespacedEventAsync(Ns)).Items).Reason);
    }

    [Fact]
    public async Task Create_OfConfigMapOverOneMebibyte_Answers422Invalid()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("big", ("k", new string('x', 1024 * 1024))), Ns));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "Invalid"), (e.Response.StatusCode, StatusOf(e).Reason));
    }

    internal static V1Status StatusOf(HttpOperationException e) => KubernetesJson.Deserialize<V1Status>(e.Response.Content);

    private static V1ConfigMap ConfigMap(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = data.ToDictionary(d => d.Key, d => d.Value),
    };

    private static V1ConfigMap Labelled(string name, params (string Key, string Value)[] labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
    };
}
