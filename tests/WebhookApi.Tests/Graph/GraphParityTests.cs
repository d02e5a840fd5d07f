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
        var written = await server.Admin.DataAsync(PatchMutation, new { head });
        Assert.True(written.GetProperty("patchSource").GetProperty("committed").GetBoolean());
        Assert.Equal(server.RepositoryHead(), written.GetProperty("patchSource").GetProperty("head").GetString());
        // The pass after the commit applies it in the background: compare once it has, or the running hashes of one read
        // can be from before the pass and those of the next from after it.
        await AppliedAsync(written.GetProperty("patchSource").GetProperty("head").GetString()!);

        await SameAsync("plugins", PluginsQuery, null, d => d.GetProperty("plugins"));
        foreach (var plugin in new[] { "models", "mcp" })
        {
            await SameAsync($"plugins/{plugin}", PluginQuery, new { plugin }, d => d.GetProperty("plugin"));
            await SameAsync($"plugins/{plugin}/sources", SourcesQuery, new { plugin }, d => d.GetProperty("sources"));
            await SameAsync($"plugins/{plugin}/files", FilesQuery, new { plugin }, d => d.GetProperty("files"));
            var sources = await (await server.Viewer.GetAsync(new Uri($"plugins/{plugin}/sources", UriKind.Relative))).JsonAsync();
            foreach (var id in sources.EnumerateArray().Select(s => s.GetProperty("id").GetString()))
            {
                await SameAsync($"plugins/{plugin}/sources/{id}", SourceQuery, new { plugin, id }, d => d.GetProperty("source"));
                await SameEntitiesAsync(plugin, id!);
            }
            var files = await (await server.Viewer.GetAsync(new Uri($"plugins/{plugin}/files", UriKind.Relative))).JsonAsync();
            foreach (var name in files.EnumerateArray().Select(f => f.GetProperty("name").GetString()))
            {
                var raw = await server.Viewer.GetStringAsync(new Uri($"plugins/{plugin}/files/{name}", UriKind.Relative));
                var data = await server.Viewer.DataAsync(FileQuery, new { plugin, name });
                Assert.Equal(raw, data.GetProperty("file").GetString());
            }
        }
        await SameAsync("history?limit=5", HistoryQuery, new { limit = 5 }, d => d.GetProperty("history"));
        await SameAsync("history?plugin=models&source=community_models", HistoryQuery, new { plugin = "models", source = "community_models" },
            d => d.GetProperty("history"));
        var sha = server.RepositoryHead();
        await SameAsync($"history/{sha}", CommitQuery, new { sha }, d => d.GetProperty("commit"));
        await SameStatusAsync();
    }

    private async Task AppliedAsync(string head)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = await (await server.Viewer.GetAsync(new Uri("status", UriKind.Relative))).JsonAsync();
            if (status.GetProperty("lastReconcile") is { ValueKind: JsonValueKind.Object } last && last.GetProperty("appliedHead").GetString() == head
                && status.GetProperty("plugins").EnumerateArray().All(p => p.GetProperty("runningHash").GetString() == p.GetProperty("desiredHash").GetString()))
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"the commit {head} was never applied");
    }

    public const string PluginsQuery = $"query Plugins {{ plugins {{ {PluginSummaryFields} }} }}";
    public const string PluginQuery = $"query Plugin($plugin: String!) {{ plugin(name: $plugin) {{ {PluginSummaryFields} sources {{ {SourceFields} }} files {{ name size }} }} }}";
    public const string SourcesQuery = $"query Sources($plugin: String!) {{ sources(plugin: $plugin) {{ {SourceFields} }} }}";
    public const string SourceQuery = $"query Source($plugin: String!, $id: String!) {{ source(plugin: $plugin, id: $id) {{ {SourceFields} }} }}";
    public const string FilesQuery = "query Files($plugin: String!) { files(plugin: $plugin) { name size } }";
    public const string FileQuery = "query File($plugin: String!, $name: String!) { file(plugin: $plugin, name: $name) }";
    public const string EntitiesQuery = "query Entities($p: String!, $s: String!, $after: String) { entities(plugin: $p, source: $s, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name fields } } } }";
    public const string HistoryQuery = $"query History($plugin: String, $source: String, $limit: Int) {{ history(plugin: $plugin, source: $source, limit: $limit) {{ {CommitFields} }} }}";
    public const string CommitQuery = $"query Commit($sha: String!) {{ commit(sha: $sha) {{ {CommitFields} files {{ path status patch }} }} }}";
    public const string StatusQuery = "query Status { status { head snapshotHash mode mutationsMode lastError headError { head errors { file line column field message } verification { commit kind reason keyId signer } } " +
        "secrets { newestKeyId recipient keys { id values newest } ageValues unknownKeyValues } verification { mode serviceKeyId servicePublicKey servicePrincipal } " +
        "leader { identity isLeader enabled currentLeader } " +
        "lastReconcile { startedAt durationMs outcome reason attemptedHead appliedHead configMapsChecked actions error } " +
        "plugins { name desiredHash runningHash configMapHash drift { plugin configMap } error } } }";
    public const string PatchMutation = "mutation Patch($head: String!) { patchSource(plugin: \"models\", id: \"community_models\", patch: { labels: [\"Parity\"] }, expectedHead: $head, reason: \"parity\") { head committed source { labels } } }";

    /// <summary>Every document this class sends (validated with graphql-js by <see cref="GraphClientTests"/>).</summary>
    public static readonly string[] Documents =
        [PluginsQuery, PluginQuery, SourcesQuery, SourceQuery, FilesQuery, FileQuery, EntitiesQuery, HistoryQuery, CommitQuery, StatusQuery, PatchMutation, "{ head }"];

    private async Task SameAsync(string path, string query, object? variables, Func<JsonElement, JsonElement> select)
    {
        using var response = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rest = await response.JsonAsync();
        var graph = select(await server.Viewer.DataAsync(query, variables));
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
            var graph = (await server.Viewer.DataAsync(EntitiesQuery, new { p = plugin, s = id, after = token })).GetProperty("entities");
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
        for (var attempt = 1; ; attempt++)
        {
            var rest = await (await server.Viewer.GetAsync(new Uri("status", UriKind.Relative))).JsonAsync();
            var graph = (await server.Viewer.DataAsync(StatusQuery)).GetProperty("status");
            var again = await (await server.Viewer.GetAsync(new Uri("status", UriKind.Relative))).JsonAsync();
            if (rest.ToString() != again.ToString() && attempt < 5) continue;
            JsonParity.AssertSame(rest, graph, "status");
            return;
        }
    }
}
