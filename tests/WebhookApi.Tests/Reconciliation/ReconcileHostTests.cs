using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitOps.TestSupport.Kubernetes;
using GitOps.WebhookApi.Tests.Runtime;
using k8s;
using k8s.Models;

namespace GitOps.WebhookApi.Tests.Reconciliation;

/// <summary>The reconcile job in the real host: start-up, leadership, <c>POST /reconcile</c>, commits, status and readiness.</summary>
[Collection(RuntimeApp.Collection)]
public sealed class ReconcileHostTests : IAsyncLifetime
{
    private FakeKubeApiServer _kube = null!;

    public async Task InitializeAsync() => _kube = await FakeKubeApiServer.StartAsync("gitops-system");

    public async Task DisposeAsync() => await _kube.DisposeAsync();

    [Fact]
    public async Task Status_AfterStartUp_ShowsTheLeaderTheLastPassAndEveryPluginInStep()
    {
        using var app = new ReconcileApp(_kube);
        using var client = app.CreateClient();

        var status = await WaitForStatusAsync(client, s => s.GetProperty("lastReconcile").GetProperty("configMapsChecked").GetBoolean());
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var leader = status.GetProperty("leader");
        Assert.Equal(("pod-a", true, true), (leader.GetProperty("identity").GetString(), leader.GetProperty("isLeader").GetBoolean(), leader.GetProperty("enabled").GetBoolean()));
        var last = status.GetProperty("lastReconcile");
        Assert.Equal("Succeeded", last.GetProperty("outcome").GetString());
        Assert.Equal(status.GetProperty("head").GetString(), last.GetProperty("appliedHead").GetString());
        Assert.Equal(status.GetProperty("head").GetString(), last.GetProperty("attemptedHead").GetString());
        Assert.True(last.GetProperty("durationMs").GetInt64() >= 0);
        var plugins = status.GetProperty("plugins").EnumerateArray().ToList();
        Assert.Equal(["mcp", "models"], plugins.Select(p => p.GetProperty("name").GetString()).Order());
        foreach (var plugin in plugins)
        {
            var desired = plugin.GetProperty("desiredHash").GetString();
            Assert.Equal(desired, plugin.GetProperty("runningHash").GetString());
            Assert.Equal(desired, plugin.GetProperty("configMapHash").GetString());
            Assert.Equal(JsonValueKind.Null, plugin.GetProperty("error").ValueKind);
        }
        Assert.NotNull(_kube.Store.Find(KubeResourceType.ConfigMaps, _kube.Namespace, "gitops-models"));
    }

    [Fact]
    public async Task PostReconcile_AfterAConfigMapWasEdited_RestoresIt_AndStatusSaysWhichSideDrifted()
    {
        using var app = new ReconcileApp(_kube);
        using var client = app.CreateClient();
        await WaitForStatusAsync(client, s => s.GetProperty("lastReconcile").GetProperty("configMapsChecked").GetBoolean());
        using var kube = _kube.CreateClient();
        await kube.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a.yaml":"models: []\n"}}""", V1Patch.PatchType.MergePatch), "gitops-models", _kube.Namespace);

        using var response = await client.PostAsync(new Uri("/api/v1/reconcile", UriKind.Relative), null);
        var status = await WaitForStatusAsync(client, s => s.GetProperty("lastReconcile").GetProperty("reason").GetString()!.Contains("api", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("configmap gitops-models: DriftCorrected (Data)", status.GetProperty("lastReconcile").GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var models = status.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "models");
        Assert.True(models.GetProperty("drift").GetProperty("configMap").GetBoolean());
        Assert.False(models.GetProperty("drift").GetProperty("plugin").GetBoolean());
        var restored = await kube.CoreV1.ReadNamespacedConfigMapAsync("gitops-models", _kube.Namespace);
        Assert.Contains("granite-8b", restored.Data["a.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommitThroughTheApi_IsReconciledRightAfter_AndCounted()
    {
        using var app = new ReconcileApp(_kube);
        using var client = app.CreateClient();
        await WaitForStatusAsync(client, s => s.GetProperty("lastReconcile").GetProperty("configMapsChecked").GetBoolean());

        using var put = await client.SendJsonAsync(HttpMethod.Put, "/api/v1/plugins/models/config", """{"pageSize": 7}""", "*");
        var head = put.Headers.ETag!.Tag.Trim('"');
        var status = await WaitForStatusAsync(client, s => s.GetProperty("lastReconcile").GetProperty("appliedHead").GetString() == head
            && s.GetProperty("lastReconcile").GetProperty("configMapsChecked").GetBoolean());
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var cm = _kube.Store.Find(KubeResourceType.ConfigMaps, _kube.Namespace, "gitops-models")!;
        Assert.Equal(head, cm["metadata"]!["annotations"]!["gitops.reconciler/commit"]!.GetValue<string>());
        Assert.Contains("commit", status.GetProperty("lastReconcile").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("gitops_commits_total{operation=\"config\"}", metrics, StringComparison.Ordinal);
        Assert.Contains($"gitops_snapshot_info{{head=\"{head}\"", metrics, StringComparison.Ordinal);
        // Issue 11: a change from a new commit is not drift (what `gitops status` and the UI show).
        var models = status.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "models");
        Assert.False(models.GetProperty("drift").GetProperty("plugin").GetBoolean());
        Assert.False(models.GetProperty("drift").GetProperty("configMap").GetBoolean());
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/status", UriKind.Relative), timeout.Token);
            if (status.GetProperty("lastReconcile").ValueKind == JsonValueKind.Object && condition(status)) return status;
            await Task.Delay(50, timeout.Token);
        }
    }
}
