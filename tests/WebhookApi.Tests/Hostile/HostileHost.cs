using System.Net.Http.Headers;
using GitOps.TestSupport.Hosting;
using LibGit2Sharp;

namespace GitOps.WebhookApi.Tests.Hostile;

/// <summary>One real service for the whole hostile input suite (a child process on a loopback port), with the role
/// tokens of <see cref="ApiServer"/> and a GitHub webhook secret, so that deliveries get past the signature check.</summary>
public sealed class HostileHost : IAsyncLifetime, IDisposable
{
    public const string GitHubSecret = "hostile-suite-secret";

    private readonly TempDirectory _data = new("gitops-hostile");
    private ServiceProcess? _service;

    public ServiceProcess Service => _service ?? throw new InvalidOperationException("not started");

    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Webhooks__GitHubSecret"] = GitHubSecret;
        _service = await ServiceProcess.StartAsync(_data.Path, settings);
        Admin = Client(ApiServer.AdminToken);
        Viewer = Client(ApiServer.ViewerToken);
        Anonymous = Client(null);
    }

    /// <summary>A client rooted at the host (not at /api/v1), so cases can reach webhooks and unknown paths too.</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = Service.BaseAddress };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The branch head as the repository on disk has it.</summary>
    public string RepositoryHead()
    {
        using var repository = new Repository(System.IO.Path.Combine(_data.Path, "repo.git"));
        return repository.Branches["main"].Tip.Sha;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Admin, Viewer, Anonymous }) client?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();
}
