using GitOps.TestSupport.Git;
using GitOps.TestSupport.Kubernetes;
using GitOps.TestSupport.Reconciliation;
using k8s;
using k8s.Models;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>A seeded repository (plugins <c>models</c> and <c>mcp</c>), the fake Kubernetes API server and one leading
/// replica that has run its first pass; <see cref="Kube"/> is a second client that edits behind the replica's back.</summary>
internal sealed class ReconcileFixture : IAsyncDisposable
{
    private ReconcileFixture(TestStore repo, FakeKubeApiServer server, ReconcileReplica replica)
    {
        Repo = repo;
        Server = server;
        Replica = replica;
        Kube = server.CreateClient();
    }

    public TestStore Repo { get; }

    public FakeKubeApiServer Server { get; }

    public ReconcileReplica Replica { get; }

    public k8s.Kubernetes Kube { get; }

    public string Ns => Server.Namespace;

    public static async Task<ReconcileFixture> StartAsync(bool firstPass = true)
    {
        var repo = new TestStore();
        var server = await FakeKubeApiServer.StartAsync("gitops-system");
        var replica = ReconcileReplica.Start(repo.Store, server);
        await replica.WaitForLeadershipAsync();
        var fixture = new ReconcileFixture(repo, server, replica);
        if (firstPass) await replica.RunAsync("first");
        return fixture;
    }

    public Task<V1ConfigMap> ReadConfigMapAsync(string plugin) => Kube.CoreV1.ReadNamespacedConfigMapAsync($"gitops-{plugin}", Ns);

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string reason) =>
        (await Kube.CoreV1.ListNamespacedEventAsync(Ns)).Items.Where(e => e.Reason == reason).ToList();

    public async ValueTask DisposeAsync()
    {
        await Replica.DisposeAsync();
        Kube.Dispose();
        await Server.DisposeAsync();
        Repo.Dispose();
    }
}
