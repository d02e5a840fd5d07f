using System.Net;
using System.Text.Json;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Webhooks;

namespace GitOps.WebhookApi.Tests.Remote;

/// <summary>The service in remote mode end to end: real child processes on a <c>git daemon</c> remote (DESIGN §3, §5).</summary>
public sealed class RemoteModeTests : IAsyncLifetime
{
    private const string Source = "plugins/models/sources/organization_ai_models";
    private RemoteRepository _remote = null!;

    public async Task InitializeAsync() => _remote = await RemoteRepository.StartAsync(RepositoryRoot.ExamplesRepo);

    public async Task DisposeAsync() => await _remote.DisposeAsync();

    [Fact]
    public async Task TwoReplicas_WritingOnTheSameHead_TheLoserGets409WithTheNewHead_AndNothingIsLost()
    {
        await using var first = await RemoteReplica.StartAsync(_remote, "first");
        await using var second = await RemoteReplica.StartAsync(_remote, "second");
        var start = _remote.Head();
        Assert.Equal($"\"{start}\"", await first.Api.ETagAsync());
        Assert.Equal($"\"{start}\"", await second.Api.ETagAsync());

        using var won = await first.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"name":"First writer"}""", $"\"{start}\"", "application/merge-patch+json");
        using var lost = await second.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", $"\"{start}\"", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, won.StatusCode);
        var winner = won.Headers.ETag!.Tag.Trim('"');
        Assert.Equal(winner, _remote.Head());
        var problem = await lost.AssertProblemAsync(HttpStatusCode.Conflict, "head-moved");
        Assert.Equal(winner, problem.GetProperty("currentHead").GetString());
        Assert.Equal($"\"{winner}\"", lost.Headers.ETag!.Tag);

        using var retried = await second.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", $"\"{winner}\"", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var last = retried.Headers.ETag!.Tag.Trim('"');
        Assert.Equal([last, winner, start], _remote.Log());
        var sources = _remote.Show("plugins/models/sources.yaml");
        Assert.Contains("First writer", sources, StringComparison.Ordinal);
        Assert.Contains("enabled: false", sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteDown_ServesReadsAnswers503AndShowsReadOnly_ThenRecoversWithoutRestart()
    {
        await using var replica = await RemoteReplica.StartAsync(_remote, "replica");
        var start = _remote.Head();
        await _remote.Daemon.StopAsync();

        using var refused = await replica.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", $"\"{start}\"", "application/merge-patch+json");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "store-unavailable");
        Assert.Contains("read-only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var degraded = await StatusAsync(replica);
        Assert.Equal("ReadOnly", degraded.GetProperty("mode").GetString());
        Assert.Contains("127.0.0.1", degraded.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        using (var read = await replica.Api.GetAsync(new Uri(Source, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal($"\"{start}\"", read.Headers.ETag!.Tag);
        }

        await _remote.Daemon.StartAsync();
        await replica.EventuallyAsync(async () => (await StatusAsync(replica)).GetProperty("mode").GetString() == "ReadWrite", "recovery to ReadWrite");

        using var accepted = await replica.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", $"\"{start}\"", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(accepted.Headers.ETag!.Tag.Trim('"'), _remote.Head());
        Assert.DoesNotContain(RemoteReplica.SecretToken, replica.Service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(RemoteReplica.SecretToken, degraded.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_WhileTheRemoteIsUnreachable_StartsReadOnlyFromTheLocalClone_AndHealsWhenItReturns()
    {
        await using var replica = await RemoteReplica.StartAsync(_remote, "replica");
        using (var written = await replica.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"name":"Before the outage"}""", "*", "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        var lastKnownGood = _remote.Head();
        await replica.Service.StopAsync();
        await _remote.Daemon.StopAsync();

        await replica.Service.RestartAsync(); // ready: it serves the local clone

        var status = await StatusAsync(replica);
        Assert.Equal("ReadOnly", status.GetProperty("mode").GetString());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("lastError").GetString()));
        Assert.Equal(lastKnownGood, status.GetProperty("head").GetString());
        using (var read = await replica.Api.GetAsync(new Uri(Source, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Contains("Before the outage", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var refused = await replica.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", "*", "application/merge-patch+json"))
            await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "store-unavailable");
        Assert.Contains("unreachable at start-up", replica.Service.Output, StringComparison.Ordinal);

        await _remote.Daemon.StartAsync();
        await replica.EventuallyAsync(async () => (await StatusAsync(replica)).GetProperty("mode").GetString() == "ReadWrite", "recovery to ReadWrite");
        using var accepted = await replica.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", "*", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(accepted.Headers.ETag!.Tag.Trim('"'), _remote.Head());
    }

    [Fact]
    public async Task PushBySomeoneElse_WithASignedGitHubWebhook_ShowsInTheApiAndTheRunningPlugin()
    {
        await using var replica = await RemoteReplica.StartAsync(_remote, "replica");
        var pushed = _remote.CommitFile("plugins/models/organization-models.yaml",
            "source: Organization AI\nmodels:\n  - name: pushed-by-someone-else\n", "models: replace the organization catalog");

        var payload = Deliveries.Payload("github-push.json");
        payload["after"] = pushed;
        var body = Deliveries.Bytes(payload);
        using var delivered = await replica.Root.SendAsync(Deliveries.SignedGitHub("push", body));
        Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);

        await replica.EventuallyAsync(async () => await replica.Api.ETagAsync() == $"\"{pushed}\"", "the pushed head in the API");
        await replica.EventuallyAsync(async () =>
        {
            using var entities = await replica.Api.GetAsync(new Uri($"{Source}/entities", UriKind.Relative));
            var text = await entities.Content.ReadAsStringAsync();
            return entities.IsSuccessStatusCode && text.Contains("pushed-by-someone-else", StringComparison.Ordinal) && !text.Contains("granite", StringComparison.Ordinal);
        }, "the pushed catalog in the running plugin");
        Assert.DoesNotContain(RemoteReplica.SecretToken, replica.Service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithAnUnreachableHttpsRemoteAndNoClone_FailsWithoutShowingTheCredentials()
    {
        using var data = new TempDirectory("gitops-remote-down");
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Repository__RemoteUrl"] = $"http://x-access-token:{RemoteReplica.SecretToken}@127.0.0.1:{FreePort.Next()}/config.git";
        settings["GitOps__Repository__Token"] = RemoteReplica.SecretToken;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(data.Path, settings));

        Assert.Contains("cannot clone GitOps:Repository:RemoteUrl", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RemoteReplica.SecretToken, failure.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> StatusAsync(RemoteReplica replica)
    {
        using var response = await replica.Api.GetAsync(new Uri("status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
