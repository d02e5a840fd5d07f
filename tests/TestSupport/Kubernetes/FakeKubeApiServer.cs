using System.Collections.Concurrent;
using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>
/// An in-process fake Kubernetes API server on 127.0.0.1 (Kestrel, port 0) speaking the real REST protocol for
/// ConfigMaps, Events (core/v1 and events.k8s.io/v1) and Leases. Drive it with the real KubernetesClient through
/// <see cref="KubeconfigPath"/> or <see cref="CreateClient"/>. Tests only, never product code.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests;
    private readonly CancellationTokenSource stopping;
    private readonly string directory;

    private FakeKubeApiServer(WebApplication app, FakeKubeStore store, FakeKubeFaults faults,
        ConcurrentQueue<RecordedRequest> requests, CancellationTokenSource stopping, string ns)
    {
        this.app = app;
        this.requests = requests;
        this.stopping = stopping;
        Store = store;
        Faults = faults;
        Namespace = ns;
        var address = app.Urls.First();
        BaseAddress = new Uri(address);
        directory = Path.Combine(Path.GetTempPath(), $"fake-kube-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        KubeconfigPath = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(KubeconfigPath, Kubeconfig(address, ns));
    }

    public Uri BaseAddress { get; }

    /// <summary>The namespace of the kubeconfig's context.</summary>
    public string Namespace { get; }

    /// <summary>A kubeconfig file whose current context points at this server (plain http, a bearer token).</summary>
    public string KubeconfigPath { get; }

    public FakeKubeStore Store { get; }

    public FakeKubeFaults Faults { get; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<FakeKubeApiServer> StartAsync(string @namespace = "default", TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var store = new FakeKubeStore(time ?? TimeProvider.System);
        var faults = new FakeKubeFaults();
        var requests = new ConcurrentQueue<RecordedRequest>();
        var stopping = new CancellationTokenSource();
        var router = new FakeKubeRouter(store, faults, requests, stopping.Token);
        app.Run(router.HandleAsync);
        await app.StartAsync();
        return new FakeKubeApiServer(app, store, faults, requests, stopping, @namespace);
    }

    public KubernetesClientConfiguration CreateConfiguration() => KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);

    /// <summary>A real KubernetesClient for this server; <paramref name="handlers"/> wrap its HTTP pipeline.</summary>
    public k8s.Kubernetes CreateClient(params DelegatingHandler[] handlers) => new(CreateConfiguration(), handlers);

    public void ClearRequests() => requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
        Faults.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Kubeconfig(string address, string ns) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: {address}
        users:
        - name: fake
          user:
            token: fake-token
        contexts:
        - name: fake
          context:
            cluster: fake
            user: fake
            namespace: {ns}
        current-context: fake
        """;
}
