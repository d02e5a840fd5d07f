using System.Net;
using System.Text.Json;
using LibGit2Sharp;

namespace GitOps.WebhookApi.Tests.Sources;

/// <summary>The API on the Kubeflow-dialect plugin of examples/repo (plugins/catalog): what it shows and what each change
/// does to the file (issue 13).</summary>
public sealed class KubeflowSourceEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string File = "plugins/catalog/sources.yaml";

    [Fact]
    public async Task GetPlugin_ShowsTheDialect_AndSourcesWithTheirSection()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins/catalog", UriKind.Relative));

        var plugin = await response.JsonAsync();
        Assert.Equal("kubeflow", plugin.GetProperty("dialect").GetString());
        Assert.Equal(["labels", "namedQueries"], plugin.GetProperty("config").EnumerateObject().Select(p => p.Name));
        var mcp = plugin.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "platform_mcp_servers");
        Assert.Equal(("mcp_catalogs", "mcp_servers"), (mcp.GetProperty("section").GetString(), mcp.GetProperty("assetType").GetString()));
        Assert.Equal("*-sandbox", mcp.GetProperty("exclude")[0].GetString());
    }

    [Fact]
    public async Task Changes_EditOnlyTheirLines_AndKeepTheKubeflowDialect()
    {
        // PUT of the source as GET shows it, with a new name: one line, no assetType written into the file.
        using var get = await server.Admin.GetAsync(new Uri("plugins/catalog/sources/platform_ai_models", UriKind.Relative));
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await get.Content.ReadAsStringAsync())!;
        body["name"] = JsonSerializer.SerializeToElement("Platform models");
        using (var put = await server.Admin.SendJsonAsync(HttpMethod.Put, "plugins/catalog/sources/platform_ai_models", JsonSerializer.Serialize(body), "*"))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["-  - name: \"Platform AI Models\"", "+  - name: \"Platform models\""], ChangedLines());

        // POST of an MCP source: one block appended to mcp_catalogs, in the file's style.
        using (var post = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/catalog/sources",
            """{"id":"more_servers","name":"More servers","type":"yaml","assetType":"mcp_servers","properties":{"yamlCatalogPath":"platform-mcp-servers.yaml"}}""", "*"))
        {
            Assert.Equal(HttpStatusCode.Created, post.StatusCode);
            Assert.Equal("mcp_catalogs", (await post.JsonAsync()).GetProperty("section").GetString());
        }
        Assert.Equal([
            "+  - name: \"More servers\"",
            "+    id: more_servers",
            "+    type: yaml",
            "+    enabled: true",
            "+    properties:",
            "+      yamlCatalogPath: platform-mcp-servers.yaml",
        ], ChangedLines());
        Assert.DoesNotContain("apiVersion", Head(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlankPattern_IsRefusedNamingTheKubeflowField()
    {
        using var patch = await server.Admin.SendJsonAsync(HttpMethod.Patch, "plugins/catalog/sources/platform_ai_models",
            """{"exclude":["  "]}""", "*", "application/merge-patch+json");

        await patch.AssertProblemAsync((HttpStatusCode)422, "validation-failed");
        var error = (await patch.JsonAsync()).GetProperty("errors")[0];
        Assert.Equal(("model_catalogs[0].excludedModels[0]", "pattern cannot be empty"), (error.GetProperty("field").GetString(), error.GetProperty("message").GetString()));
    }

    private string Head() => Content(server.LastCommit(out var repository), repository);

    private static string Content(Commit commit, Repository repository)
    {
        using (repository) return ((Blob)commit[File].Target).GetContentText();
    }

    /// <summary>The lines of sources.yaml the last commit changed, as "-old" / "+new".</summary>
    private IReadOnlyList<string> ChangedLines()
    {
        var commit = server.LastCommit(out var repository);
        using (repository)
        {
            var patch = repository.Diff.Compare<Patch>(commit.Parents.Single().Tree, commit.Tree, [File]);
            return [.. patch[File].Patch.Split('\n').Where(l => l.Length > 0 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal))];
        }
    }
}
