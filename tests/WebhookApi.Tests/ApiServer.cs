using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using GitOps.TestSupport.Hosting;
using LibGit2Sharp;

namespace GitOps.WebhookApi.Tests;

/// <summary>The real service as a child process on a loopback port, with one configured token per role.</summary>
public sealed class ApiServer : IAsyncLifetime, IDisposable
{
    public const string AdminToken = "admin-token-for-tests";
    public const string OperatorToken = "operator-token-for-tests";
    public const string ViewerToken = "viewer-token-for-tests";

    private readonly TempDirectory _data = new("gitops-api");
    private ServiceProcess? _service;

    public ServiceProcess Service => _service ?? throw new InvalidOperationException("not started");

    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

    public static Dictionary<string, string?> TokenSettings() => new()
    {
        ["GitOps__Auth__Tokens__0__Name"] = "alice", ["GitOps__Auth__Tokens__0__Role"] = "admin", ["GitOps__Auth__Tokens__0__Sha256"] = Sha256(AdminToken),
        ["GitOps__Auth__Tokens__1__Name"] = "olivia", ["GitOps__Auth__Tokens__1__Role"] = "operator", ["GitOps__Auth__Tokens__1__Sha256"] = Sha256(OperatorToken),
        ["GitOps__Auth__Tokens__2__Name"] = "victor", ["GitOps__Auth__Tokens__2__Role"] = "viewer", ["GitOps__Auth__Tokens__2__Sha256"] = Sha256(ViewerToken),
    };

    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task InitializeAsync()
    {
        _service = await ServiceProcess.StartAsync(_data.Path, TokenSettings());
        Admin = Client(AdminToken);
        Operator = Client(OperatorToken);
        Viewer = Client(ViewerToken);
        Anonymous = Client(null);
    }

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Service.BaseAddress, "api/v1/") };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The branch head as the repository on disk has it (not as the API says).</summary>
    public string RepositoryHead()
    {
        using var repository = new Repository(Path.Combine(_data.Path, "repo.git"));
        return repository.Branches["main"].Tip.Sha;
    }

    public int CommitCount()
    {
        using var repository = new Repository(Path.Combine(_data.Path, "repo.git"));
        return repository.Branches["main"].Commits.Count();
    }

    public Commit LastCommit(out Repository repository)
    {
        repository = new Repository(Path.Combine(_data.Path, "repo.git"));
        return repository.Branches["main"].Tip;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Admin, Operator, Viewer, Anonymous }) client?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();
}
