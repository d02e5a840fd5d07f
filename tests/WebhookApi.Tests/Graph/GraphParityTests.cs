using System.Net;
using System.Text.Json;
using static GitOps.WebhookApi.Tests.Graph.GraphRequests;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>Every REST read and its GraphQL query on one running host give the same data.</summary>
public sealed class GraphParityTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task EveryRestRead_AndItsQuery_GiveTheSameData()
    {
        // A commit through GraphQL first, so history and the commit diff have a change of ours to show.
        var head = (await server.Admin.DataAsync("{ head }")).GetProperty("head").GetString()!;
        var written = await server.Admin.DataAsync(
            "mutation($head: String!) { patchSource(plugin: \"models\", id: \"community_models\", patch: { labels: [\"Parity\"] }, expectedHead: $head, reason: \"parity\") { head committed source { labels } } }",
            new { head });
        Assert.True(written.GetProperty("patchSource").GetProperty("committed").GetBoolean());
        Assert.Equal(server.RepositoryHead(), written.GetProperty("patchSource").GetProperty("head").GetString());

        await SameAsync("plugins", $"{{ plugins {{ {PluginSummaryFields} }} }}", d => d.GetProperty("plugins"));
        foreach (var plugin in new[] { "models", "mcp" })
        {
            await SameAsync($"plugins/{plugin}",
                $"{{ plugin(name: \"{plugin}\") {{ {PluginSummaryFields} sources {{ {SourceFields} }} files {{ name size }} }} }}", d => d.GetProperty("plugin"));
            await SameAsync($"plugins/{plugin}/sources", $"{{ sources(plugin: \"{plugin}\") {{ {SourceFields} }} }}", d => d.GetProperty("sources"));
            await SameAsync($"plugins/{plugin}/files", $"{{ files(plugin: \"{plugin}\") {{ name size }} }}", d => d.GetProperty("files"));
            var sources = await (await server.Viewer.GetAsync(new Uri($"plugins/{plugin}/sources", UriKind.Relative))).JsonAsync();
            foreach (var id in sources.EnumerateArray().Select(s => s.GetProperty("id").GetString()))
            {
                await SameAsync($"plugins/{plugin}/sources/{id}", $"{{ source(plugin: \"{plugin}\", id: \"{id}\") {{ {SourceFields} }} }}", d => d.GetProperty("source"));
                await SameEntitiesAsync(plugin, id!);
            }
            var files = await (await server.Viewer.GetAsync(new Uri($"plugins/{plugin}/files", UriKind.Relative))).JsonAsync();
            foreach (var name in files.EnumerateArray().Select(f => f.GetProperty("name").GetString()))
            {
                var raw = await server.Viewer.GetStringAsync(new Uri($"plugins/{plugin}/files/{name}", UriKind.Relative));
                var data = await server.Viewer.DataAsync($"{{ file(plugin: \"{plugin}\", name: \"{name}\") }}");
                Assert.Equal(raw, data.GetProperty("file").GetString());
            }
        }
        await SameAsync("history?limit=5", $"{{ history(limit: 5) {{ {CommitFields} }} }}", d => d.GetProperty("history"));
        await SameAsync("history?plugin=models&source=community_models", $"{{ history(plugin: \"models\", source: \"community_models\") {{ {CommitFields} }} }}",
            d => d.GetProperty("history"));
        var sha = server.RepositoryHead();
        await SameAsync($"history/{sha}", $"{{ commit(sha: \"{sha}\") {{ {CommitFields} files {{ path status patch }} }} }}", d => d.GetProperty("commit"));
        await SameStatusAsync();
    }

    private async Task SameAsync(string path, string query, Func<JsonElement, JsonElement> select)
    {
        using var response = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rest = await response.JsonAsync();
        var graph = select(await server.Viewer.DataAsync(query));
        JsonParity.AssertSame(rest, graph, path);
    }

    /// <summary>Pages of 3 followed to the end on both sides: the same entities, totals and page tokens (= cursors).</summary>
    private async Task SameEntitiesAsync(string plugin, string id)
    {
        string? token = null;
        do
        {
            var rest = await (await server.Viewer.GetAsync(new Uri(
                $"plugins/{plugin}/sources/{id}/entities?pageSize=3{(token is null ? "" : $"&pageToken={token}")}", UriKind.Relative))).JsonAsync();
            var graph = (await server.Viewer.DataAsync(
                "query($p: String!, $s: String!, $after: String) { entities(plugin: $p, source: $s, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name fields } } } }",
                new { p = plugin, s = id, after = token })).GetProperty("entities");
            Assert.Equal(rest.GetProperty("totalSize").GetInt32(), graph.GetProperty("totalCount").GetInt32());
            var items = rest.GetProperty("items");
            var edges = graph.GetProperty("edges");
            Assert.Equal(items.GetArrayLength(), edges.GetArrayLength());
            for (var i = 0; i < items.GetArrayLength(); i++)
            {
                JsonParity.AssertSame(items[i], edges[i].GetProperty("node").GetProperty("fields"), $"{plugin}/{id}/entities[{i}]");
                Assert.Equal(items[i].GetProperty("name").GetString(), edges[i].GetProperty("node").GetProperty("name").GetString());
            }
            token = rest.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            Assert.Equal(token is not null, graph.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
            if (token is not null) Assert.Equal(token, graph.GetProperty("pageInfo").GetProperty("endCursor").GetString());
        }
        while (token is not null);
    }

    /// <summary>Status changes when a reconcile pass ends; compare two reads taken between the same passes.</summary>
    private async Task SameStatusAsync()
    {
        const string query = "{ status { head snapshotHash mode mutationsMode lastError headError { head errors { file line column field message } } " +
            "leader { identity isLeader enabled currentLeader } " +
            "lastReconcile { startedAt durationMs outcome reason attemptedHead appliedHead configMapsChecked actions error } " +
            "plugins { name desiredHash runningHash configMapHash drift { plugin configMap } error } } }";
        for (var attempt = 1; ; attempt++)
        {
            var rest = await (await server.Viewer.GetAsync(new Uri("status", UriKind.Relative))).JsonAsync();
            var graph = (await server.Viewer.DataAsync(query)).GetProperty("status");
            var again = await (await server.Viewer.GetAsync(new Uri("status", UriKind.Relative))).JsonAsync();
            if (rest.ToString() != again.ToString() && attempt < 5) continue;
            JsonParity.AssertSame(rest, graph, "status");
            return;
        }
    }
}
