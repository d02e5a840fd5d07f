using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Kubernetes;
using GitOps.WebhookApi.Tests.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GitOps.WebhookApi.Tests.Reconciliation;

/// <summary>The API host on its own seeded repository (see <see cref="RuntimeApp.WriteSeed"/>) with Kubernetes pointed at
/// a fake API server through its kubeconfig, short Lease timings and a long interval (passes come from requests).</summary>
/// <param name="writeSeed">Writes the seed repository into the given folder; defaults to <see cref="RuntimeApp.WriteSeed"/>.</param>
internal sealed class ReconcileApp(FakeKubeApiServer kube, Action<string>? writeSeed = null) : WebApplicationFactory<Program>
{
    private readonly TempDirectory _directory = new("gitops-reconcile");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var seed = Path.Combine(_directory.Path, "seed");
        (writeSeed ?? RuntimeApp.WriteSeed)(seed);
        builder.UseSetting("GitOps:Repository:Path", Path.Combine(_directory.Path, "data"));
        builder.UseSetting("GitOps:Repository:Seed", seed);
        builder.UseSetting("GitOps:Auth:Mode", "None");
        builder.UseSetting("GitOps:Reconcile:Interval", "01:00:00");
        builder.UseSetting("GitOps:Kubernetes:Kubeconfig", kube.KubeconfigPath);
        builder.UseSetting("GitOps:Kubernetes:Identity", "pod-a");
        builder.UseSetting("GitOps:Kubernetes:LeaseDuration", "00:00:30"); // one replica: it must not lose the Lease on a stalled machine
        builder.UseSetting("GitOps:Kubernetes:RenewDeadline", "00:00:20");
        builder.UseSetting("GitOps:Kubernetes:RetryPeriod", "00:00:00.500");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _directory.Dispose();
    }
}
