using System.Net;
using System.Text;
using System.Text.Json;
using GitOps.WebhookApi.Tests.Settings;
using LibGit2Sharp;

namespace GitOps.WebhookApi.Tests.Versions;

/// <summary>Plugins and draft branches for the versions, rollback and source-event tests: each test makes its own plugin
/// through the API, so tests sharing one server do not see each other's changes.</summary>
internal static class VersionTestPlugins
{
    public const string Catalog = "source: Team\nmodels:\n  - name: team-llm\n    description: A team model\n";

    /// <summary>A new plugin with one file and one yaml source reading it (three commits); returns its name.</summary>
    public static async Task<string> CreateAsync(ApiServer server, string source = "team_models")
    {
        var plugin = $"v-{Guid.NewGuid():N}"[..12];
        using (var created = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins", $$"""{"name":"{{plugin}}"}""", "*"))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await PutFileAsync(server, plugin, "team.yaml", Catalog);
        var body = $$"""{"id":"{{source}}","name":"Team","type":"yaml","enabled":true,"properties":{"yamlCatalogPath":"team.yaml"} }""";
        using (var added = await server.Admin.SendJsonAsync(HttpMethod.Post, $"plugins/{plugin}/sources", body, "*"))
            Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return plugin;
    }

    public static async Task<string> PutFileAsync(ApiServer server, string plugin, string name, string content)
    {
        using var put = await server.Admin.SendBytesAsync(HttpMethod.Put, $"plugins/{plugin}/files/{name}", Encoding.UTF8.GetBytes(content), "application/yaml", "*");
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        return put.Headers.ETag!.Tag.Trim('"');
    }

    /// <summary>Waits until the reconcile pass has applied the repository's head (a bound for a loaded machine).</summary>
    public static Task WaitAppliedAsync(ApiServer server)
    {
        var head = server.RepositoryHead();
        return SettingsOverlayTests.WaitUntilAsync(async () =>
        {
            using var status = JsonDocument.Parse(await server.Viewer.GetStringAsync(new Uri("status", UriKind.Relative)));
            return status.RootElement.GetProperty("lastReconcile").GetProperty("appliedHead").GetString() == head;
        }, $"head {head} is applied");
    }

    /// <summary>Writes branch <c>drafts/{id}</c>: one commit on the tracked head that sets one file, as the drafts store does.</summary>
    public static string CommitDraft(ApiServer server, string id, string path, string content)
    {
        using var repository = new Repository(Path.Combine(server.Service.DataDirectory, "repo.git"));
        var tip = repository.Branches["main"].Tip;
        var tree = TreeDefinition.From(tip.Tree);
        tree.Add(path, repository.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(content))), Mode.NonExecutableFile);
        var author = new Signature("Dana Draft", "dana@example.com", DateTimeOffset.UtcNow);
        var commit = repository.ObjectDatabase.CreateCommit(author, author, $"draft {id}: edit {path}\n", repository.ObjectDatabase.CreateTree(tree), [tip], false);
        repository.Refs.Add($"refs/heads/drafts/{id}", commit.Id, allowOverwrite: true);
        return commit.Sha;
    }

    /// <summary>The tree id of <c>plugins/{plugin}</c> at a commit, or null when the folder is absent.</summary>
    public static string? FolderTree(ApiServer server, string commit, string plugin)
    {
        using var repository = new Repository(Path.Combine(server.Service.DataDirectory, "repo.git"));
        return repository.Lookup<Commit>(commit).Tree[$"plugins/{plugin}"]?.Target.Sha;
    }
}
