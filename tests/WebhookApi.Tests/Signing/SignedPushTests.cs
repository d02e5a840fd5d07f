using System.Text.Json;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Kubernetes;
using GitOps.TestSupport.Signing;
using GitOps.WebhookApi.Tests.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GitOps.WebhookApi.Tests.Signing;

/// <summary>Done-when of signed commits, end to end: with verification on, an unsigned or wrongly signed push to the
/// remote (git daemon) never reaches a running plugin or a ConfigMap (fake Kubernetes API server), a signed one does,
/// and the reason shows in <c>/api/v1/status</c>, the history and <c>/metrics</c>.</summary>
[Collection(RuntimeApp.Collection)]
public sealed class SignedPushTests : IAsyncLifetime, IDisposable
{
    private const string Catalog = "plugins/models/organization-models.yaml";
    private readonly SigningKeys _keys = new(openPgp: false);
    private FakeKubeApiServer _kube = null!;
    private RemoteRepository _remote = null!;
    private SignedWorkTree _work = null!;

    public async Task InitializeAsync()
    {
        _kube = await FakeKubeApiServer.StartAsync("gitops-system");
        _remote = await RemoteRepository.StartAsync(RepositoryRoot.ExamplesRepo);
        _work = new SignedWorkTree(_remote.Url);
        _work.Commit(Catalog, Catalog1("signed-start"), _keys["ssh-ed25519"], "models: signed start");
        Assert.Equal(0, _work.Push());
    }

    public async Task DisposeAsync()
    {
        await _remote.DisposeAsync();
        await _kube.DisposeAsync();
    }

    public void Dispose()
    {
        _work?.Dispose();
        _keys.Dispose();
    }

    [Fact]
    public async Task UnsignedOrWronglySignedPush_NeverApplied_SignedPushIs_AndTheReasonIsVisible()
    {
        using var app = new SignedApp(_kube, _remote, _keys);
        using var client = app.CreateClient();
        // The first pass may run before this replica holds the Lease; wait for one that wrote the ConfigMaps.
        var started = await ReconcileUntilAsync(client, s => s.GetProperty("lastReconcile") is { ValueKind: JsonValueKind.Object } last && last.GetProperty("configMapsChecked").GetBoolean());
        Assert.Equal(_remote.Head(), started.GetProperty("head").GetString());
        Assert.Contains("signed-start", ConfigMapData());
        var runningHash = ModelsRunningHash(started);

        var unsigned = _work.Commit(Catalog, Catalog1("unsigned-change"), null, "models: unsigned");
        Assert.Equal(0, _work.Push());
        var refused = await ReconcileUntilAsync(client, s => HeadErrorOf(s)?.GetProperty("head").GetString() == unsigned);
        var failure = HeadErrorOf(refused)!.Value.GetProperty("verification");
        Assert.Equal("unsigned", failure.GetProperty("kind").GetString());
        Assert.Equal(unsigned, failure.GetProperty("commit").GetString());
        Assert.DoesNotContain("unsigned-change", ConfigMapData());
        Assert.Equal(runningHash, ModelsRunningHash(refused));

        var stranger = _work.Commit(Catalog, Catalog1("stranger-change"), _keys["ssh-unknown"], "models: stranger");
        Assert.Equal(0, _work.Push());
        refused = await ReconcileUntilAsync(client, s => HeadErrorOf(s)?.GetProperty("head").GetString() == stranger);
        failure = HeadErrorOf(refused)!.Value.GetProperty("verification");
        Assert.Equal("not-allowed", failure.GetProperty("kind").GetString());
        Assert.StartsWith("SHA256:", failure.GetProperty("keyId").GetString());
        Assert.Contains("is not an allowed signer", failure.GetProperty("reason").GetString());
        Assert.DoesNotContain("stranger-change", ConfigMapData());
        Assert.Equal(runningHash, ModelsRunningHash(refused));
        Assert.Contains("not applied", refused.GetProperty("lastReconcile").GetProperty("error").GetString());

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("gitops_verification_failures_total{reason=\"unsigned\"}", metrics);
        Assert.Contains("gitops_verification_failures_total{reason=\"not-allowed\"}", metrics);

        var signed = _work.Commit(Catalog, Catalog1("signed-change"), _keys["ssh-ed25519"], "models: signed");
        Assert.Equal(0, _work.Push());
        var applied = await ReconcileUntilAsync(client, s => s.GetProperty("lastReconcile").GetProperty("appliedHead").GetString() == signed
            && s.GetProperty("lastReconcile").GetProperty("configMapsChecked").GetBoolean());
        Assert.Equal(JsonValueKind.Null, applied.GetProperty("headError").ValueKind);
        Assert.Contains("signed-change", ConfigMapData());
        Assert.NotEqual(runningHash, ModelsRunningHash(applied));

        using var history = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/history?limit=1", UriKind.Relative)));
        var signature = history.RootElement[0].GetProperty("signature");
        Assert.True(signature.GetProperty("verified").GetBoolean());
        Assert.Equal("models-team@example.test", signature.GetProperty("signer").GetString());
    }

    private static string Catalog1(string marker) => $"source: Organization\nmodels:\n  - name: {marker}\n";

    private string ConfigMapData() =>
        _kube.Store.Find(KubeResourceType.ConfigMaps, _kube.Namespace, "gitops-models")?["data"]?["organization-models.yaml"]?.GetValue<string>() ?? "";

    private static string? ModelsRunningHash(JsonElement status) =>
        status.GetProperty("plugins").EnumerateArray().First(p => p.GetProperty("name").GetString() == "models").GetProperty("runningHash").GetString();

    private static JsonElement? HeadErrorOf(JsonElement status) =>
        status.GetProperty("headError") is { ValueKind: JsonValueKind.Object } error ? error : null;

    private static async Task<JsonElement> ReconcileUntilAsync(HttpClient client, Func<JsonElement, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            using (await client.PostAsync(new Uri("/api/v1/reconcile", UriKind.Relative), null)) { }
            var status = await StatusAsync(client);
            if (done(status)) return status;
            await Task.Delay(200);
        }
        throw new TimeoutException("the reconcile pass did not reach the expected state: " + (await StatusAsync(client)).GetRawText());
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/status", UriKind.Relative)));
        return document.RootElement.Clone();
    }

    /// <summary>The host in remote mode on the daemon, Kubernetes on the fake API server, verification in <c>Head</c> mode.</summary>
    private sealed class SignedApp(FakeKubeApiServer kube, RemoteRepository remote, SigningKeys keys) : WebApplicationFactory<Program>
    {
        private readonly TempDirectory _directory = new("gitops-signed-app");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("GitOps:Repository:Path", Path.Combine(_directory.Path, "data"));
            builder.UseSetting("GitOps:Repository:RemoteUrl", remote.Url);
            builder.UseSetting("GitOps:Auth:Mode", "None");
            builder.UseSetting("GitOps:Reconcile:Interval", "01:00:00");
            builder.UseSetting("GitOps:Kubernetes:Kubeconfig", kube.KubeconfigPath);
            builder.UseSetting("GitOps:Kubernetes:Identity", "pod-a");
            builder.UseSetting("GitOps:Verification:Mode", "Head");
            builder.UseSetting("GitOps:Verification:AllowedSignersFile", keys.AllowedSignersFile);
            builder.UseSetting("GitOps:Verification:RevokedKeysFile", keys.RevokedKeysFile);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) _directory.Dispose();
        }
    }
}
