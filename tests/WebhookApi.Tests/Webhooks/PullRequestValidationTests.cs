using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using GitOps.Reconciler.GitHub;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.GitHub;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>End to end: a signed pull_request webhook, the head fetched from a bare "remote" served by git daemon, validated by the
/// real validator, and reported through Octokit to a fake GitHub REST API.</summary>
public sealed class PullRequestValidationTests : IAsyncLifetime, IDisposable
{
    private const string Token = "ghp_testtoken0123456789abcdefABCDEF0123";
    private const int Number = 7;
    private readonly BareRemote _remote = BareRemote.CreateFromExamples();
    private FakeGitHubApi _github = null!;
    private GitDaemon _daemon = null!;
    private WebhookHost _host = null!;

    private string RemoteUrl => _daemon.UrlOf("remote.git");

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubApi.StartAsync();
        _daemon = await GitDaemon.StartAsync(Path.GetDirectoryName(_remote.Url)!);
        _host = new WebhookHost(new Dictionary<string, string?>
        {
            ["GitOps:Repository:RemoteUrl"] = RemoteUrl,
            ["GitOps:GitHub:Token"] = Token,
            ["GitOps:GitHub:ApiUrl"] = _github.BaseAddress.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _daemon.DisposeAsync();
    }

    public void Dispose()
    {
        _host.Dispose();
        _remote.Dispose();
    }

    [Fact]
    public async Task PullRequest_WithValidChange_GetsSuccessStatusAndCommentWithEntityDeltas()
    {
        _remote.Branch("granite-preview");
        var models = VisibleEntities("plugins/models/organization-models.yaml");
        var servers = VisibleEntities("plugins/mcp/community-mcp.yaml");
        AddModels("granite-3b-preview", "granite-20b-instruct", "granite-34b-code");
        // community_mcp is the first source of the mcp plugin: disable it.
        _remote.Write("plugins/mcp/sources.yaml", new Regex("    enabled: true\n").Replace(_remote.Read("plugins/mcp/sources.yaml"), "    enabled: false\n", 1));
        var head = _remote.Commit("models: add granite models; mcp: disable community_mcp");
        _remote.PushPullRequest("granite-preview", Number);

        await SendPullRequestAsync("opened", head);
        var status = await WaitForFinalStatusAsync(head);

        Assert.Equal("success", status.State);
        Assert.Equal(GitHubPullRequestReporter.StatusContext, status.Context);
        Assert.True(status.Description!.Length <= 140);
        var comment = Assert.Single(_github.Comments);
        Assert.Equal(Number, comment.Number);
        Assert.Contains(SummaryComment.Marker, comment.Body, StringComparison.Ordinal);
        // organization_ai_models excludes "*-preview": two of the three new models count.
        Assert.Contains($"| `models` | `organization_ai_models` | modified | true | {models} → {models + 2} (+2) |", comment.Body, StringComparison.Ordinal);
        Assert.Contains($"| `mcp` | `community_mcp` | modified | **true → false** | {servers} → {servers} (±0) |", comment.Body, StringComparison.Ordinal);
        // The plan (docs/DRAFTS.md): the catalog file that changed, the field that changed, counts from the dry-run loader.
        Assert.Contains("### Plan", comment.Body, StringComparison.Ordinal);
        Assert.Contains($"| `organization_ai_models` | changed | files `organization-models.yaml` | {models} → {models + 2} (+2) |", comment.Body, StringComparison.Ordinal);
        // A disabled source serves nothing: the plan counts what would run.
        Assert.Contains($"| `community_mcp` | changed | `enabled`: `true` → `false` | {servers} → 0 (-{servers}) |", comment.Body, StringComparison.Ordinal);
        Assert.Contains("`gitops-models/organization-models.yaml` changed", comment.Body, StringComparison.Ordinal);
        Assert.All(_github.Requests, r => Assert.Equal($"token {Token}", r.Authorization, ignoreCase: true));
    }

    [Fact]
    public async Task PullRequest_InvalidThenFixed_GetsFailureThenSuccessAndOneCommentThatIsUpdated()
    {
        _remote.Branch("granite-preview");
        _remote.Write("plugins/models/sources.yaml", _remote.Read("plugins/models/sources.yaml").Replace("yamlCatalogPath: organization-models.yaml", "yamlCatalogPath: ../outside.yaml", StringComparison.Ordinal));
        var invalid = _remote.Commit("models: point the catalog outside the plugin");
        _remote.PushPullRequest("granite-preview", Number);

        await SendPullRequestAsync("opened", invalid);
        var failure = await WaitForFinalStatusAsync(invalid);
        var firstComment = Assert.Single(_github.Comments);

        _remote.Write("plugins/models/sources.yaml", _remote.Read("plugins/models/sources.yaml").Replace("../outside.yaml", "organization-models.yaml", StringComparison.Ordinal));
        AddModels("granite-3b-instruct");
        var models = VisibleEntities("plugins/models/organization-models.yaml");
        var fixedHead = _remote.Commit("models: fix the catalog path, add a model");
        _remote.PushPullRequest("granite-preview", Number);
        await SendPullRequestAsync("synchronize", fixedHead);
        var success = await WaitForFinalStatusAsync(fixedHead);

        Assert.Equal("failure", failure.State);
        Assert.StartsWith("Invalid: 1 error, first plugins/models/sources.yaml:", failure.Description, StringComparison.Ordinal);
        Assert.Matches(@"\| `plugins/models/sources\.yaml` \| [1-9][0-9]* \| [^|]+ \| [^|]*outside\.yaml", firstComment.Body);
        Assert.Equal("success", success.State);
        var comment = Assert.Single(_github.Comments);
        Assert.Equal(firstComment.Id, comment.Id);
        Assert.Contains($"{models - 1} → {models} (+1)", comment.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("outside.yaml", comment.Body, StringComparison.Ordinal);
        Assert.Single(_github.Requests, r => r.Method == "POST" && r.Path.EndsWith($"/issues/{Number}/comments", StringComparison.Ordinal));
        Assert.Single(_github.Requests, r => r.Method == "PATCH" && r.Path.EndsWith($"/issues/comments/{comment.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PullRequest_WhoseHeadCannotBeFetched_GetsErrorStatus()
    {
        await SendPullRequestAsync("opened", "0123456789abcdef0123456789abcdef01234567");

        var status = await WaitForFinalStatusAsync("0123456789abcdef0123456789abcdef01234567");

        Assert.Equal("error", status.State);
        Assert.StartsWith("Could not fetch the head", status.Description, StringComparison.Ordinal);
    }

    /// <summary>Top-level entities of an example catalog that its source's exclude patterns ("*-preview", "*-experimental") let through.</summary>
    private int VisibleEntities(string path) =>
        Regex.Matches(_remote.Read(path), @"^  - name: (\S+)$", RegexOptions.Multiline)
            .Count(m => !m.Groups[1].Value.EndsWith("-preview", StringComparison.Ordinal) && !m.Groups[1].Value.EndsWith("-experimental", StringComparison.Ordinal));

    private void AddModels(params string[] names)
    {
        var catalog = _remote.Read("plugins/models/organization-models.yaml").TrimEnd('\n');
        foreach (var name in names) catalog += $"\n  - name: {name}\n    description: {name} model";
        _remote.Write("plugins/models/organization-models.yaml", catalog + "\n");
    }

    private Task SendPullRequestAsync(string action, string headSha) =>
        PullRequestDeliveries.SendAsync(_host.Client, Number, action, headSha, "granite-preview", _remote.Head(), RemoteUrl);

    private Task<FakeStatus> WaitForFinalStatusAsync(string sha) => PullRequestDeliveries.WaitForFinalStatusAsync(_github, sha);
}
