using System.Text;
using GitOps.Reconciler.Observability;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Reconciliation;
using Prometheus;

namespace GitOps.Reconciler.Tests.Observability;

public sealed class GitOpsMetricsTests
{
    [Fact]
    public void InstancesWithoutAHost_CountIntoTheirOwnRegistries()
    {
        var a = new GitOpsMetrics();
        var b = new GitOpsMetrics();

        a.CountDrift(DriftTarget.ConfigMap);
        a.CountReconcile(ReconcileOutcome.Degraded, TimeSpan.FromMilliseconds(5));

        Assert.Equal(1, a.DriftCount(DriftTarget.ConfigMap));
        Assert.Equal(0, b.DriftCount(DriftTarget.ConfigMap));
        Assert.Equal(0, b.ReconcileCount(ReconcileOutcome.Degraded));
    }

    [Fact]
    public async Task OnAGivenRegistry_EveryNameIsExportedBeforeItsFirstSample()
    {
        var registry = Metrics.NewCustomRegistry();
        _ = new GitOpsMetrics(registry);
        _ = new RuntimeMetrics(registry);

        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var exposition = Encoding.UTF8.GetString(stream.ToArray());

        foreach (var name in new[] { "gitops_reconcile_total", "gitops_reconcile_duration_seconds", "gitops_drift_detected_total", "gitops_commits_total",
                     "gitops_conflicts_total", "gitops_webhook_requests_total", "gitops_refresh_total", "gitops_source_entities", "gitops_snapshot_info" })
            Assert.Contains($"# TYPE {name} ", exposition, StringComparison.Ordinal);
        Assert.Contains("gitops_drift_detected_total{target=\"configmap\"} 0", exposition, StringComparison.Ordinal);
    }
}
