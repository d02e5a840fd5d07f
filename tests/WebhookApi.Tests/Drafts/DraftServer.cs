using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Drafts;

/// <summary>The real service (a child process) with one token per role and <c>GitOps:Drafts:RequiredApprovals</c> = 1.</summary>
public sealed class DraftServer : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new("gitops-drafts");

    public ServiceProcess Service { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;

    public string GitDirectory => Path.Combine(_data.Path, "repo.git");

    public async Task InitializeAsync()
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Drafts__RequiredApprovals"] = "1";
        Service = await ServiceProcess.StartAsync(_data.Path, settings);
        Admin = Client(ApiServer.AdminToken);
        Operator = Client(ApiServer.OperatorToken);
        Viewer = Client(ApiServer.ViewerToken);
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Service.BaseAddress, "api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The tracked branch on disk.</summary>
    public string Head() => Git("rev-parse", "refs/heads/main");

    public string Git(params string[] arguments) => GitCli.Run(GitDirectory, arguments);

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Admin, Operator, Viewer }) client?.Dispose();
        if (Service is not null) await Service.DisposeAsync();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();
}

/// <summary>Draft requests as a client sends them.</summary>
internal static class DraftRequests
{
    /// <summary>Creates a draft named <paramref name="name"/> and returns its ETag (its head, quoted).</summary>
    public static async Task<string> CreateDraftAsync(this HttpClient client, string name, string title = "Draft under test")
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, "drafts", JsonSerializer.Serialize(new { title, name }), null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }

    /// <summary>Sets <c>enabled</c> of a source (on the tracked branch, or on <paramref name="draft"/>).</summary>
    public static Task<HttpResponseMessage> SetEnabledAsync(this HttpClient client, string plugin, string source, bool enabled, string ifMatch, string? draft = null) =>
        client.SendJsonAsync(HttpMethod.Patch, $"plugins/{plugin}/sources/{source}{(draft is null ? "" : $"?draft={draft}")}",
            $$"""{"enabled":{{(enabled ? "true" : "false")}}}""", ifMatch, "application/merge-patch+json");

    /// <summary>Sets <c>enabled</c> of a source inside a draft (one commit) and returns the new draft ETag.</summary>
    public static async Task<string> EditDraftAsync(this HttpClient client, string draft, string plugin, string source, string ifMatch, bool enabled = false)
    {
        using var response = await client.SetEnabledAsync(plugin, source, enabled, ifMatch, draft);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("committed", response.Headers.GetValues("X-Change-Outcome").Single());
        return response.Headers.ETag!.Tag;
    }

    public static async Task ApproveAsync(this HttpClient client, string draft)
    {
        using var response = await client.PostAsync(new Uri($"drafts/{draft}/approvals", UriKind.Relative), null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> PublishAsync(this HttpClient client, string draft, string? ifMatch) =>
        client.SendJsonAsync(HttpMethod.Post, $"drafts/{draft}:publish", null, ifMatch);

    public static async Task<JsonElement> DraftAsync(this HttpClient client, string draft)
    {
        using var response = await client.GetAsync(new Uri($"drafts/{draft}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
