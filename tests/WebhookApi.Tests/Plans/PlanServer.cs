using System.Net.Http.Headers;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Plans;

/// <summary>The real service (child process, loopback) seeded with examples/repo, with the usual tokens plus an operator
/// whose grant covers plugin <c>mcp</c> only.</summary>
public sealed class PlanServer : IAsyncLifetime, IDisposable
{
    public const string McpOperatorToken = "mcp-operator-token-for-tests";

    private readonly TempDirectory _data = new("gitops-plan");
    private ServiceProcess? _service;

    public HttpClient Operator { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;
    public HttpClient McpOperator { get; private set; } = null!;

    public string GitDirectory => Path.Combine(_data.Path, "repo.git");

    public async Task InitializeAsync()
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Auth__Tokens__3__Name"] = "mona";
        settings["GitOps__Auth__Tokens__3__Role"] = "operator";
        settings["GitOps__Auth__Tokens__3__Sha256"] = ApiServer.Sha256(McpOperatorToken);
        settings["GitOps__Auth__Tokens__3__Plugins__0"] = "mcp";
        _service = await ServiceProcess.StartAsync(_data.Path, settings);
        Operator = Client(ApiServer.OperatorToken);
        Viewer = Client(ApiServer.ViewerToken);
        McpOperator = Client(McpOperatorToken);
    }

    /// <summary>Branch <c>drafts/&lt;id&gt;</c> at the tracked head with one commit per file, as the draft store would leave it.</summary>
    public string CreateDraft(string id, params (string Path, string Content)[] files)
    {
        GitCli.Run(GitDirectory, "update-ref", $"refs/heads/drafts/{id}", "refs/heads/main");
        var head = "";
        foreach (var (path, content) in files) head = GitCli.CommitFile(GitDirectory, $"drafts/{id}", path, content, $"draft {id}: {path}");
        return head;
    }

    public string Head() => GitCli.Run(GitDirectory, "rev-parse", "refs/heads/main");

    public static string ExampleFile(string path) => File.ReadAllText(Path.Combine(RepositoryRoot.ExamplesRepo, path));

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_service!.BaseAddress, "api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Operator, Viewer, McpOperator }) client?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();
}
