using System.Net;
using System.Text;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.GitHub;
using GitOps.TestSupport.Secrets;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>A contributor without the server key adds a value encrypted with the real age to the published recipient in a
/// pull request: validation decrypts it (and would fail one it cannot decrypt) without posting or logging the value.</summary>
public sealed class PullRequestSecretsTests : IAsyncLifetime, IDisposable
{
    private const string Token = "ghp_testtoken0123456789abcdefABCDEF0123";
    private const int Number = 11;
    private const string Plaintext = "pr-contributed-db-password-7Hq";
    private readonly BareRemote _remote = BareRemote.CreateFromExamples();
    private FakeGitHubApi _github = null!;
    private GitDaemon _daemon = null!;
    private WebhookHost _host = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubApi.StartAsync();
        _daemon = await GitDaemon.StartAsync(Path.GetDirectoryName(_remote.Url)!);
        _host = new WebhookHost(new Dictionary<string, string?>
        {
            ["GitOps:Repository:RemoteUrl"] = _daemon.UrlOf("remote.git"),
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
    public async Task PullRequest_WithAgeValueToTheRecipient_Passes_AndOneToAnotherRecipientFails_NeverPostingTheValue()
    {
        var recipient = _host.Get<SecretCipher>().Recipient.ToString();
        var good = Encoding.ASCII.GetString(AgeCli.Encrypt(Encoding.UTF8.GetBytes(Plaintext), recipient, armor: true));
        _remote.Branch("db-password");
        _remote.Write("plugins/models/secrets.yaml", SecretsYaml(good));
        var accepted = _remote.Commit("models: add the db password (age)");
        _remote.PushPullRequest("db-password", Number);
        await SendPullRequestAsync("opened", accepted);
        var success = await WaitForFinalStatusAsync(accepted);

        var elsewhere = SecretCipher.EncryptForRecipient(AgeIdentity.Generate().Recipient, Plaintext);
        _remote.Write("plugins/models/secrets.yaml", SecretsYaml(elsewhere));
        var refused = _remote.Commit("models: re-encrypt the db password to the wrong key");
        _remote.PushPullRequest("db-password", Number);
        await SendPullRequestAsync("synchronize", refused);
        var failure = await WaitForFinalStatusAsync(refused);

        Assert.Equal("success", success.State);
        Assert.Equal("failure", failure.State);
        var comment = Assert.Single(_github.Comments);
        Assert.Contains("secrets.dbPassword", comment.Body, StringComparison.Ordinal);
        Assert.Contains("not addressed to the recipient", comment.Body, StringComparison.Ordinal);
        Assert.All(_github.Requests, r => Assert.DoesNotContain(Plaintext, r.Body, StringComparison.Ordinal));
    }

    private Task SendPullRequestAsync(string action, string headSha) =>
        PullRequestDeliveries.SendAsync(_host.Client, Number, action, headSha, "db-password", _remote.Head(), _daemon.UrlOf("remote.git"));

    private Task<FakeStatus> WaitForFinalStatusAsync(string sha) => PullRequestDeliveries.WaitForFinalStatusAsync(_github, sha);

    private static string SecretsYaml(string armored) =>
        "apiVersion: gitops/v1\nsecrets:\n  dbPassword: |\n" + string.Concat(armored.TrimEnd('\n').Split('\n').Select(l => "    " + l + "\n"));
}
