using System.Security.Cryptography;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Remote;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.Tests.Git.Remote;

/// <summary><see cref="GitRemote"/> over smart HTTP with basic authentication: <c>git http-backend</c> behind Kestrel on 127.0.0.1.</summary>
public sealed class GitRemoteHttpTests : IAsyncLifetime, IDisposable
{
    private const string User = "gitops-bot";
    private const string Password = "pw-NeverShowThisPassword-4711";
    private readonly TempDirectory _seedRoot = new("gitops-http-seed");
    private RemoteRepository _remote = null!;
    private GitHttpServer _http = null!;

    private string Url => _http.UrlOf(RemoteRepository.Name);

    public async Task InitializeAsync()
    {
        _remote = await RemoteRepository.StartAsync(ConfigRepoSeed.Write(_seedRoot.Path));
        _http = await GitHttpServer.StartAsync(_remote.Daemon.BasePath, User, Password);
    }

    public async Task DisposeAsync()
    {
        await _http.DisposeAsync();
        await _remote.DisposeAsync();
    }

    public void Dispose() => _seedRoot.Dispose();

    [Fact]
    public async Task PrepareAndPush_WithUsernameAndPassword_CloneOverProtocolV2_AndPushAChunkedPack()
    {
        var remote = Remote(new RepositoryOptions { RemoteUrl = Url, Username = User, Password = Password });
        var data = _remote.Scratch("local");
        var local = Path.Combine(data, "repo.git");

        var prepared = Assert.IsType<RemotePreparation.Ready>(await CatchUp(remote, data).PrepareAsync(CancellationToken.None));
        Assert.Equal(new FetchResult.Fetched(_remote.Head()), prepared.Fetch);

        // Over http.postBuffer (1 MiB) and incompressible: git streams the pack with chunked transfer encoding.
        var large = Convert.ToBase64String(RandomNumberGenerator.GetBytes(2 * 1024 * 1024));
        var commit = GitCli.CommitFile(local, "main", "plugins/models/large.txt", large, "models: a large file");
        Assert.IsType<PushResult.Pushed>(await remote.PushAsync(local, commit, "refs/heads/main", CancellationToken.None));

        Assert.Equal(commit, _remote.Head());
        Assert.Equal(large, _remote.Show("plugins/models/large.txt"));
        var requests = _http.Requests;
        Assert.Contains(requests, r => r is { Path: "/config.git/git-upload-pack", Status: 200, GitProtocol: "version=2", User: User });
        Assert.Contains(requests, r => r is { Method: "POST", Path: "/config.git/git-receive-pack", Status: 200, ContentLength: null, User: User });
    }

    [Fact]
    public async Task Fetch_OfManyRefsWithAToken_SendsAGzippedRequest_AndGetsEveryRef()
    {
        _http.SetCredentials("x-access-token", Password);
        var options = new RepositoryOptions { RemoteUrl = Url, Token = Password };
        var tree = GitCli.Run(_remote.GitDirectory, "rev-parse", "main^{tree}");
        for (var i = 0; i < 40; i++)
        {
            var commit = GitCli.Run(_remote.GitDirectory, "commit-tree", tree, "-p", _remote.Head(), "-m", $"branch {i}");
            GitCli.Run(_remote.GitDirectory, "update-ref", $"refs/heads/topic-{i}", commit);
        }
        var local = _remote.Scratch("local.git");
        GitCli.Run(local, "init", "--quiet", "--bare", local);

        // Forty wants make the upload-pack request larger than 1 KiB, which git sends gzipped. The packet trace shows
        // which protocol the backend answered with (version 2 only when the Git-Protocol header reached it).
        var environment = new Dictionary<string, string>(RemoteCredentials.EnvironmentFor(options, Url)) { ["GIT_TRACE_PACKET"] = "1" };
        var result = await GitCommand.RunAsync(
            ["--git-dir", local, "fetch", "--quiet", Url, "+refs/heads/*:refs/remotes/origin/*"],
            environment, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("git< version 2", result.Error, StringComparison.Ordinal);
        Assert.Equal(41, GitCli.Run(local, "for-each-ref", "refs/remotes/origin").Split('\n').Length);
        Assert.Contains(_http.Requests, r => r is { Path: "/config.git/git-upload-pack", Status: 200, ContentEncoding: "gzip" });
    }

    [Theory]
    [InlineData("wrong-password")]
    [InlineData(null)]
    public async Task FetchAndPush_WithWrongOrNoCredentials_AreUnreachable_NamingTheOptionsButNeverThePassword(string? password)
    {
        var options = new RepositoryOptions { RemoteUrl = Url, Username = password is null ? null : User, Password = password };
        var remote = Remote(options);
        var local = _remote.Scratch("local.git");
        GitCli.Run(local, "init", "--quiet", "--bare", local);
        GitCli.Run(local, "remote", "add", GitRemote.RemoteName, Url);
        var start = _remote.Head();

        var fetched = Assert.IsType<FetchResult.Unreachable>(await remote.FetchAsync(local, CancellationToken.None));
        var pushed = Assert.IsType<PushResult.Unreachable>(await remote.PushAsync(local, start, "refs/heads/other", CancellationToken.None));

        foreach (var reason in new[] { fetched.Reason, pushed.Reason })
        {
            Assert.Contains(_http.BaseAddress.Authority, reason, StringComparison.Ordinal);
            Assert.Contains("check GitOps:Repository:Token, or GitOps:Repository:Username and GitOps:Repository:Password", reason, StringComparison.Ordinal);
            if (password is not null) Assert.DoesNotContain(password, reason, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(_http.Requests, r => r.User is not null);
        Assert.DoesNotContain("other", _remote.Branches());
    }

    private static GitRemote Remote(RepositoryOptions options) =>
        new(Options.Create(options), NullLogger<GitRemote>.Instance);

    /// <summary>The remote catch-up of a data directory (its bare clone is <c>{dataDirectory}/repo.git</c>; no store).</summary>
    private static RemoteCatchUp CatchUp(GitRemote remote, string dataDirectory)
    {
        var repository = new RepositoryHandle(Options.Create(new RepositoryOptions { Path = dataDirectory, RemoteUrl = remote.Url }));
        return new RemoteCatchUp(remote, new RemoteState(TimeProvider.System), repository, TimeProvider.System, NullLogger<RemoteCatchUp>.Instance);
    }
}
