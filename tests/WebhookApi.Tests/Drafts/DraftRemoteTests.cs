using System.Net;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Remote;

namespace GitOps.WebhookApi.Tests.Drafts;

/// <summary>Drafts in remote mode: edits stay local, the publish is pushed to the <c>git daemon</c> remote like every mutation.</summary>
public sealed class DraftRemoteTests : IAsyncLifetime
{
    private RemoteRepository _remote = null!;

    public async Task InitializeAsync() => _remote = await RemoteRepository.StartAsync(RepositoryRoot.ExamplesRepo);

    public async Task DisposeAsync() => await _remote.DisposeAsync();

    [Fact]
    public async Task Publish_PushesOneCommitWithTheDraftTrailer_AndTheDraftBranchStaysLocal()
    {
        await using var replica = await RemoteReplica.StartAsync(_remote, "replica");
        var start = _remote.Head();
        var etag = await replica.Api.CreateDraftAsync("remote-draft", "Disable community MCP");
        var head = await replica.Api.EditDraftAsync("remote-draft", "mcp", "community_mcp", etag);
        Assert.Equal(start, _remote.Head());

        using var published = await replica.Api.PublishAsync("remote-draft", head);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var commit = (await published.JsonAsync()).GetProperty("commit").GetString()!;
        Assert.Equal([commit, start], _remote.Log().Take(2));
        var message = GitCli.Run(_remote.GitDirectory, "log", "-1", "--format=%B", commit);
        Assert.StartsWith("Disable community MCP\n", message, StringComparison.Ordinal);
        Assert.Contains("Draft: remote-draft", message, StringComparison.Ordinal);
        Assert.Contains("enabled: false", _remote.Show("plugins/mcp/sources.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain(_remote.Branches(), b => b.Contains("drafts/", StringComparison.Ordinal));
    }
}
