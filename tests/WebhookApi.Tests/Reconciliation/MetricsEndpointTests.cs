using System.Diagnostics;
using System.Net;

namespace GitOps.WebhookApi.Tests.Reconciliation;

/// <summary><c>/metrics</c> of the real service process, checked by Prometheus' own <c>promtool check metrics</c>.</summary>
public sealed class MetricsEndpointTests(ApiServer server) : IClassFixture<ApiServer>
{
    /// <summary>DESIGN §8.</summary>
    public static readonly string[] DesignNames =
    [
        "gitops_reconcile_total", "gitops_reconcile_duration_seconds", "gitops_drift_detected_total", "gitops_commits_total",
        "gitops_conflicts_total", "gitops_webhook_requests_total", "gitops_refresh_total", "gitops_source_entities", "gitops_snapshot_info",
    ];

    [Fact]
    public async Task Metrics_NeedNoToken_PassPromtoolCheck_AndExportEveryDesignName()
    {
        using var http = new HttpClient { BaseAddress = server.Service.BaseAddress };

        using var response = await http.GetAsync(new Uri("metrics", UriKind.Relative));
        var exposition = await response.Content.ReadAsStringAsync();
        var (exitCode, output) = await PromtoolCheckAsync(exposition);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}: {output}");
        var declared = exposition.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
        Assert.All(DesignNames, name => Assert.Contains(name, declared));
        Assert.Contains("gitops_reconcile_total{outcome=\"Succeeded\"}", exposition, StringComparison.Ordinal);
        Assert.Contains($"gitops_snapshot_info{{head=\"{server.RepositoryHead()}\"", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaleIfMatch_IsCountedAsAConflict()
    {
        using var http = new HttpClient { BaseAddress = server.Service.BaseAddress };
        var before = Sample(await http.GetStringAsync(new Uri("metrics", UriKind.Relative)), "gitops_conflicts_total");

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Put, "plugins/models/config", "{}", "\"0000000000000000000000000000000000000000\"");
        var after = Sample(await http.GetStringAsync(new Uri("metrics", UriKind.Relative)), "gitops_conflicts_total");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before + 1, after);
    }

    private static double Sample(string exposition, string name) =>
        double.Parse(exposition.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(int ExitCode, string Output)> PromtoolCheckAsync(string exposition)
    {
        var start = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start promtool");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
