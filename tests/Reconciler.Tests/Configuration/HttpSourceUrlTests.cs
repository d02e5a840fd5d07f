using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Plugins.Providers;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration;

/// <summary>The validator and the http provider share one URL rule: what the runtime would refuse is never committed.</summary>
public sealed class HttpSourceUrlTests
{
    private static string Sources(string url) => $"""
        apiVersion: gitops/v1
        plugin: models
        sources:
          - id: remote
            name: Remote
            type: http
            properties:
              url: {url}
        """;

    [Theory]
    [InlineData("file:///etc/passwd", "scheme 'file'")]
    [InlineData("ftp://example.com/c.yaml", "scheme 'ftp'")]
    [InlineData("relative/c.yaml", "absolute http or https URL")]
    [InlineData("\"\"", "is required")]
    [InlineData("5", "is required")]
    public async Task BadUrl_IsRefusedByTheValidator_AndByTheProvider_WithTheSameReason(string url, string reason)
    {
        var error = Assert.Single(Errors(Models(Sources(url))));
        AssertError(error, "plugins/models/sources.yaml", 8, 12, "sources[0].properties.url", reason);

        var source = Assert.IsType<SnapshotResult.Valid>(new SnapshotBuilder().Build(Models(Sources("https://example.invalid/c.yaml")))).Snapshot
            .Plugins["models"].Sources[0];
        var bad = source with { Properties = new Dictionary<string, object?> { ["url"] = url == "5" ? 5L : url.Trim('"') } };
        using var http = HttpSourceProvider.CreateClient(AddressPolicy.Default);
        var result = await new HttpSourceProvider(http, YamlLimits.Default).LoadAsync(
            new SourceLoadRequest("models", bad, System.Collections.Immutable.ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>.Empty), default);
        Assert.Contains(reason, Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpsUrl_IsValid() => Valid(Models(Sources("https://catalogs.example.com/models.yaml")));
}
