using System.Net;
using System.Text;
using LibGit2Sharp;

namespace GitOps.WebhookApi.Tests.Hostile;

/// <summary>YAML's <c>.inf</c>/<c>.nan</c> pushed by git (not through the API) in a <c>config:</c> block, a source's
/// <c>properties:</c> and a catalog: every read path serves them (as the strings ".inf", "-.inf", ".nan"), none answers 5xx.</summary>
public sealed class NonFiniteReadTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string Sources = """
        apiVersion: gitops/v1
        plugin: models
        config:
          pageSize: .inf
          weights: [-.inf, .nan, 1.5]
        sources:
          - id: organization_ai_models
            name: Organization AI Models
            type: yaml
            properties:
              yamlCatalogPath: organization-models.yaml
              x: .inf
              ratio: .NaN
        """;

    private const string Catalog = """
        source: Org
        models:
          - name: granite-nan
            score: .nan
            limits: {max: .inf, min: -.inf}
          - name: granite-ok
            score: 0.5
        """;

    [Fact]
    public async Task NonFiniteNumbersPushedByGit_AreServedAsStringsOnEveryReadPath()
    {
        var head = CommitDirectly(new Dictionary<string, string>
        {
            ["plugins/models/sources.yaml"] = Sources,
            ["plugins/models/organization-models.yaml"] = Catalog,
        });
        using (var reconcile = await server.Admin.PostAsync(new Uri("reconcile", UriKind.Relative), null))
            Assert.Equal(HttpStatusCode.Accepted, reconcile.StatusCode);
        await WaitForAppliedAsync(head);

        var plugins = await GetJsonAsync("plugins");
        var models = plugins.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "models");
        Assert.Equal(".inf", models.GetProperty("config").GetProperty("pageSize").GetString());
        var plugin = await GetJsonAsync("plugins/models");
        Assert.Equal(["-.inf", ".nan"], plugin.GetProperty("config").GetProperty("weights").EnumerateArray().Take(2).Select(e => e.GetString()));
        Assert.Equal(1.5, plugin.GetProperty("config").GetProperty("weights")[2].GetDouble());
        var sources = await GetJsonAsync("plugins/models/sources");
        Assert.Equal(".inf", sources[0].GetProperty("properties").GetProperty("x").GetString());
        var source = await GetJsonAsync("plugins/models/sources/organization_ai_models");
        Assert.Equal(".nan", source.GetProperty("properties").GetProperty("ratio").GetString());
        var entities = await GetJsonAsync("plugins/models/sources/organization_ai_models/entities");
        var first = entities.GetProperty("items")[0];
        Assert.Equal(".nan", first.GetProperty("score").GetString());
        Assert.Equal("-.inf", first.GetProperty("limits").GetProperty("min").GetString());
        await GetJsonAsync("status");
        await GetJsonAsync($"history/{head}");
        await GetJsonAsync("history?plugin=models");
        using var dryRun = await server.Admin.PostAsync(new Uri("plugins/models/sources/organization_ai_models:test", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);

        // A patch that does not touch properties keeps .inf a number in the YAML, not the string the read showed.
        using var patch = await server.Admin.SendJsonAsync(HttpMethod.Patch, "plugins/models/sources/organization_ai_models",
            """{"name":"Renamed"}""", "*", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(".inf", (await patch.JsonAsync()).GetProperty("properties").GetProperty("x").GetString());
        var commit = server.LastCommit(out var repository);
        using (repository)
        {
            var yaml = ((Blob)commit["plugins/models/sources.yaml"].Target).GetContentText();
            Assert.Contains("x: .inf", yaml, StringComparison.Ordinal);
        }
    }

    private async Task WaitForAppliedAsync(string head)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = await GetJsonAsync("status");
            if (status.GetProperty("lastReconcile") is { ValueKind: System.Text.Json.JsonValueKind.Object } last
                && last.GetProperty("appliedHead").GetString() == head) return;
            await Task.Delay(100);
        }
        Assert.Fail($"the pushed head {head} was never applied: {(await GetJsonAsync("status")).GetRawText()}");
    }

    private async Task<System.Text.Json.JsonElement> GetJsonAsync(string path)
    {
        using var response = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A commit written straight into the service's repository, as a push would land it.</summary>
    private string CommitDirectly(IReadOnlyDictionary<string, string> files)
    {
        var tip = server.LastCommit(out var repository);
        using (repository)
        {
            var tree = TreeDefinition.From(tip);
            foreach (var (path, content) in files)
                tree.Add(path, repository.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(content))), Mode.NonExecutableFile);
            var signature = new Signature("pusher", "pusher@example.com", DateTimeOffset.UnixEpoch);
            var commit = repository.ObjectDatabase.CreateCommit(signature, signature, "push .inf and .nan", repository.ObjectDatabase.CreateTree(tree), [tip], prettifyMessage: false);
            repository.Refs.UpdateTarget(repository.Branches["main"].Reference, commit.Id, "test: push");
            return commit.Sha;
        }
    }
}
