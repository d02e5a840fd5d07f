using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Plugins;
using Microsoft.Extensions.DependencyInjection;

using GitOps.WebhookApi.Tests.Runtime;

namespace GitOps.WebhookApi.Tests.Sources;

[Collection(RuntimeApp.Collection)]
public sealed class SourceRefreshEndpointsTests
{
    [Fact]
    public async Task RefreshSource_ReturnsItsStatus()
    {
        using var app = new RuntimeApp();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/v1/plugins/models/sources/a/refresh", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ready", status.GetProperty("state").GetString());
        Assert.Equal(3, status.GetProperty("entityCount").GetInt32());
        Assert.Equal("a", status.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("appliedHash").GetString()));
    }

    [Fact]
    public async Task RefreshSource_AfterACommitToItsCatalog_ChangesItsCountAndNoOtherSource()
    {
        using var app = new RuntimeApp();
        using var client = app.CreateClient();
        var host = app.Services.GetRequiredService<PluginHost>();
        var store = app.Services.GetRequiredService<GitConfigStore>();
        var b = host.GetSource("models", "b");
        var c = host.GetSource("mcp", "c");
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var outcome = await store.MutateAsync(new MutationRequest(null, new CommitAuthor("t", "t@gitops.local"), "models: grow a", null, "r1",
            _ => new EditResult.Changes(ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty.Add(
                "plugins/models/a.yaml", Encoding.UTF8.GetBytes(RuntimeApp.Catalog("models", ["x1", "x2", "x3", "x4", "x5"]))))));
        Assert.IsType<MutationOutcome.Committed>(outcome);
        using var response = await client.PostAsync(new Uri("/api/v1/plugins/models/sources/a/refresh", UriKind.Relative), null);

        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, status.GetProperty("entityCount").GetInt32());
        Assert.Equal(app.Time.GetUtcNow(), status.GetProperty("lastRefreshedAt").GetDateTimeOffset());
        Assert.Same(b, host.GetSource("models", "b"));
        Assert.Same(c, host.GetSource("mcp", "c"));
        Assert.Equal(120, RuntimeMetricsProbe.Entities("models", "b"));
    }

    [Fact]
    public async Task RefreshSource_TwiceInTheWindow_Answers429WithAnAccurateRetryAfter()
    {
        using var app = new RuntimeApp();
        using var client = app.CreateClient();
        var uri = new Uri("/api/v1/plugins/models/sources/a/refresh", UriKind.Relative);
        var metrics = app.Services.GetRequiredService<PluginHost>().Metrics;
        var limitedBefore = metrics.RefreshCount(RefreshScope.Source, RefreshOutcome.RateLimited);

        using var first = await client.PostAsync(uri, null);
        app.Time.Advance(TimeSpan.FromSeconds(12.5));
        using var second = await client.PostAsync(uri, null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(18), second.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:gitops:problem:rate-limited", problem.GetProperty("type").GetString());
        Assert.Equal(18, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.True(metrics.RefreshCount(RefreshScope.Source, RefreshOutcome.RateLimited) > limitedBefore);

        app.Time.Advance(TimeSpan.FromSeconds(18));
        using var retry = await client.PostAsync(uri, null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/plugins/nope/refresh")]
    [InlineData("/api/v1/plugins/nope/sources/a/refresh")]
    [InlineData("/api/v1/plugins/models/sources/nope/refresh")]
    public async Task Refresh_UnknownPluginOrSource_Is404Problem(string path)
    {
        using var app = new RuntimeApp();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:gitops:problem:not-found", problem.GetProperty("type").GetString());
    }
}

internal static class RuntimeMetricsProbe
{
    /// <summary>Reads the gauge from the Prometheus text exposition, as a scraper would.</summary>
    public static double Entities(string plugin, string source)
    {
        using var stream = new MemoryStream();
        Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var line = Encoding.UTF8.GetString(stream.ToArray()).Split('\n')
            .First(l => l.StartsWith("gitops_source_entities{", StringComparison.Ordinal) && l.Contains($"plugin=\"{plugin}\"", StringComparison.Ordinal) && l.Contains($"source=\"{source}\"", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
