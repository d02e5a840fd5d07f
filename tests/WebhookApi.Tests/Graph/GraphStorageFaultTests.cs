using System.Net;
using System.Text.Json;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Faults;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>The GraphQL twins of the storage faults (a real tmpfs, really filled and really remounted read-only): REST
/// answers 507 insufficient-storage / 503 storage-read-only, GraphQL the same problem as STORE_UNAVAILABLE with its
/// status and type; neither writes anything, and both write again once the fault is gone.</summary>
public sealed class GraphStorageFaultTests : IDisposable
{
    private const string Source = "api/v1/plugins/models/sources/organization_ai_models";
    private readonly TempDirectory _directory = new("gitops-graph-storage");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Writes_OnAFullThenReadOnlyDataDirectory_AreRefusedAlikeByRestAndGraphQL_AndNothingIsWritten()
    {
        await using var host = await TmpfsService.StartAsync(_directory.Path);
        var (tmpfs, client) = (host.Tmpfs, host.Client);
        var head = await client.ETagAsync(Source);

        var filler = tmpfs.Fill();
        await AssertTwinsAsync(client, HttpStatusCode.InsufficientStorage, "insufficient-storage", "out of space");
        Assert.Equal(head, await client.ETagAsync(Source));
        File.Delete(filler);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(client, enabled: false)).StatusCode);
        Assert.Null(await GraphPatchErrorAsync(client, enabled: true));
        head = await client.ETagAsync(Source);

        tmpfs.RemountReadOnly();
        try
        {
            await AssertTwinsAsync(client, HttpStatusCode.ServiceUnavailable, "storage-read-only", "read-only file system");
            Assert.Equal(head, await client.ETagAsync(Source));
        }
        finally
        {
            tmpfs.RemountReadWrite();
        }
        Assert.Null(await GraphPatchErrorAsync(client, enabled: false));
        Assert.NotEqual(head, await client.ETagAsync(Source));
    }

    /// <summary>The writes tried on a faulted store (validated with graphql-js by <see cref="GraphClientTests"/>).</summary>
    public static readonly string[] Documents =
    [
        "mutation { patchSource(plugin: \"models\", id: \"organization_ai_models\", patch: { enabled: false }, expectedHead: \"*\") { head } }",
        "mutation { putFile(plugin: \"models\", name: \"extra.yaml\", content: \"a: 1\", expectedHead: \"*\") { head } }",
        "mutation { putSecret(plugin: \"models\", name: \"token\", value: \"never-written\", expectedHead: \"*\") { head } }",
    ];

    private static async Task AssertTwinsAsync(HttpClient client, HttpStatusCode status, string slug, string says)
    {
        using var rest = await PatchAsync(client, enabled: false);
        var problem = await rest.AssertProblemAsync(status, slug);
        Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        foreach (var document in Documents)
        {
            var (_, graph) = await client.GraphAsync(document);
            var (code, error) = graph.FirstError();
            Assert.True(code == "STORE_UNAVAILABLE", $"{document}: {graph}");
            var extensions = error.GetProperty("extensions");
            Assert.Equal((int)status, extensions.GetProperty("status").GetInt32());
            Assert.Equal($"urn:gitops:problem:{slug}", extensions.GetProperty("type").GetString());
            Assert.Contains(says, error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, graph.GetProperty("data").ValueKind);
        }
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, bool enabled) =>
        client.SendJsonAsync(HttpMethod.Patch, Source, $$"""{"enabled": {{(enabled ? "true" : "false")}}}""", "*", "application/merge-patch+json");

    private static async Task<string?> GraphPatchErrorAsync(HttpClient client, bool enabled)
    {
        var (_, graph) = await client.GraphAsync(
            $"mutation {{ patchSource(plugin: \"models\", id: \"organization_ai_models\", patch: {{ enabled: {(enabled ? "true" : "false")} }}, expectedHead: \"*\") {{ head }} }}");
        return graph.TryGetProperty("errors", out var errors) ? errors.ToString() : null;
    }
}
