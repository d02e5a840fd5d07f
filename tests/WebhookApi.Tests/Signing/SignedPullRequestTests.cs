using System.Net;
using GitOps.Reconciler.GitHub;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.GitHub;
using GitOps.TestSupport.Signing;
using GitOps.WebhookApi.Tests.Webhooks;

namespace GitOps.WebhookApi.Tests.Signing;

/// <summary>Pull-request validation with verification on reports the signature verdict as the commit status: an unsigned
/// head fails naming the reason, a head signed by an allowed key passes.</summary>
public sealed class SignedPullRequestTests : IAsyncLifetime, IDisposable
{
    private const int Number = 9;
    private readonly BareRemote _remote = BareRemote.CreateFromExamples();
    private readonly SigningKeys _keys = new(openPgp: false);
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
            ["GitOps:GitHub:Token"] = "ghp_testtoken0123456789abcdefABCDEF0123",
            ["GitOps:GitHub:ApiUrl"] = _github.BaseAddress.ToString(),
            ["GitOps:Verification:Mode"] = "Head",
            ["GitOps:Verification:AllowedSignersFile"] = _keys.AllowedSignersFile,
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
        _keys.Dispose();
    }

    [Fact]
    public async Task UnsignedHead_GetsAFailureNamingTheReason_ASignedOneSucceeds()
    {
        _remote.Branch("signed-change");
        _remote.Write("plugins/models/organization-models.yaml", "source: Organization\nmodels:\n  - name: unsigned-model\n");
        var unsigned = _remote.Commit("models: unsigned");
        _remote.PushPullRequest("signed-change", Number);

        await SendPullRequestAsync("opened", unsigned);
        var failure = await WaitForFinalStatusAsync(unsigned);

        Assert.Equal("failure", failure.State);
        Assert.Contains("the commit is not signed", failure.Description);
        Assert.Contains("the commit is not signed", Assert.Single(_github.Comments).Body);

        _remote.Write("plugins/models/organization-models.yaml", "source: Organization\nmodels:\n  - name: signed-model\n");
        var signed = _remote.Commit("models: signed", [.. _keys["ssh-ed25519"].GitConfig]);
        _remote.PushPullRequest("signed-change", Number);

        await SendPullRequestAsync("synchronize", signed);
        var success = await WaitForFinalStatusAsync(signed);
        Assert.Equal("success", success.State);
        Assert.Equal(GitHubPullRequestReporter.StatusContext, success.Context);
    }

    private Task SendPullRequestAsync(string action, string headSha) =>
        PullRequestDeliveries.SendAsync(_host.Client, Number, action, headSha, "signed-change", _remote.Head(), RemoteUrl);

    private Task<FakeStatus> WaitForFinalStatusAsync(string sha) => PullRequestDeliveries.WaitForFinalStatusAsync(_github, sha);
}
