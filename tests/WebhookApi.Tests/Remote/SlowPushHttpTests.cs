using System.Net;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Webhooks;

namespace GitOps.WebhookApi.Tests.Remote;

/// <summary>The service in remote mode with a slow remote: a <c>pre-receive</c> hook on the real <c>git daemon</c> holds
/// every push for up to 2 s. A write waits for its push; GETs and history reads on the same replica do not.</summary>
public sealed class SlowPushHttpTests : IAsyncLifetime
{
    private const string Source = "plugins/models/sources/organization_ai_models";
    private RemoteRepository _remote = null!;

    public async Task InitializeAsync() => _remote = await RemoteRepository.StartAsync(RepositoryRoot.ExamplesRepo);

    public async Task DisposeAsync() => await _remote.DisposeAsync();

    [Fact]
    public async Task Patch_WhileTheRemoteHoldsThePush_GetAndHistoryAnswerBeforeThePatchDoes()
    {
        await using var replica = await RemoteReplica.StartAsync(_remote, "replica");
        var start = _remote.Head();
        var slow = SlowPushHook.Install(_remote.GitDirectory, TimeSpan.FromSeconds(2));

        var patch = replica.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", $"\"{start}\"", "application/merge-patch+json");
        await slow.StartedAsync();
        using var read = await replica.Api.GetAsync(new Uri(Source, UriKind.Relative));
        using var history = await replica.Api.GetAsync(new Uri("history?limit=5", UriKind.Relative));
        using var commit = await replica.Api.GetAsync(new Uri($"history/{start}", UriKind.Relative));
        var patchStillWaiting = !patch.IsCompleted;
        slow.Release();
        using var patched = await patch;

        Assert.True(patchStillWaiting, "the GETs answered only after the push ended");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal($"\"{start}\"", read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Contains(start, await history.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(patched.Headers.ETag!.Tag.Trim('"'), _remote.Head());
    }
}
