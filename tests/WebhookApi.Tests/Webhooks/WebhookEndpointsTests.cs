using GitOps.Reconciler.Observability;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitOps.Reconciler.GitHub;
using GitOps.Reconciler.Reconciliation;
using GitOps.WebhookApi.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.WebhookApi.Tests.Webhooks;

public sealed class WebhookEndpointsTests : IDisposable
{
    private readonly WebhookHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GitHubPing_WithValidSignature_Returns200()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("github-ping.json"));

        using var response = await _host.Client.SendAsync(Deliveries.SignedGitHub("ping", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task GitHubPush_ToTrackedBranch_Returns202AndRequestsFetchAndReconcile()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("github-push.json"));

        using var response = await _host.Client.SendAsync(Deliveries.SignedGitHub("push", body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = _host.Get<ReconcileTrigger>().TryTake();
        Assert.NotNull(request);
        Assert.True(request.Fetch);
        Assert.Contains("github push 3f1e8d7", request.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHubPush_ToAnotherBranch_Returns202SayingIgnoredAndRequestsNothing()
    {
        var payload = Deliveries.Payload("github-push.json");
        payload["ref"] = "refs/heads/feature/experiment";

        using var response = await _host.Client.SendAsync(Deliveries.SignedGitHub("push", Deliveries.Bytes(payload)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ignored", answer.GetProperty("outcome").GetString());
        Assert.Contains("branch feature/experiment is not tracked", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(_host.Get<ReconcileTrigger>().TryTake());
    }

    [Fact]
    public async Task GitHubPush_WithWrongSignature_Returns401AndRequestsNothing()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("github-push.json"));

        using var response = await _host.Client.SendAsync(Deliveries.GitHub("push", body, Deliveries.Signature("not the secret", body)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(_host.Get<ReconcileTrigger>().TryTake());
    }

    [Fact]
    public async Task GitHubPush_WithSignatureOfAnotherBody_Returns401()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("github-push.json"));
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("refs/heads/main", "refs/heads/main ", StringComparison.Ordinal));

        using var response = await _host.Client.SendAsync(Deliveries.GitHub("push", tampered, Deliveries.Signature(WebhookHost.GitHubSecret, body)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(_host.Get<ReconcileTrigger>().TryTake());
    }

    [Fact]
    public async Task GitHubPush_WithoutSignature_Returns401NamingTheHeader()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("github-push.json"));

        using var response = await _host.Client.SendAsync(Deliveries.GitHub("push", body, signature: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("X-Hub-Signature-256", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(_host.Get<ReconcileTrigger>().TryTake());
    }

    [Fact]
    public async Task SignedGarbage_IsRejectedBeforeParsingWhenUnsigned_AndAsBadRequestWhenSigned()
    {
        var garbage = Encoding.UTF8.GetBytes("{ this is not json");

        using var unsigned = await _host.Client.SendAsync(Deliveries.GitHub("push", garbage, "sha256=" + new string('0', 64)));
        using var signed = await _host.Client.SendAsync(Deliveries.SignedGitHub("push", garbage));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signed.StatusCode);
    }

    [Fact]
    public async Task GitHubPush_ReplayedDeliveryId_IsProcessedOnce()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("github-push.json"));
        var id = Guid.NewGuid().ToString();
        var trigger = _host.Get<ReconcileTrigger>();

        using var first = await _host.Client.SendAsync(Deliveries.SignedGitHub("push", body, id));
        var firstRequest = trigger.TryTake();
        using var replay = await _host.Client.SendAsync(Deliveries.SignedGitHub("push", body, id));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.NotNull(firstRequest);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var answer = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("duplicate", answer.GetProperty("outcome").GetString());
        Assert.Contains("duplicate delivery", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(trigger.TryTake());
    }

    [Fact]
    public async Task Body_OverOneMebibyte_Returns413()
    {
        var payload = Deliveries.Payload("github-push.json");
        payload["padding"] = new string('x', WebhookBody.MaxBytes);
        var body = Deliveries.Bytes(payload);

        using var response = await _host.Client.SendAsync(Deliveries.SignedGitHub("push", body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(_host.Get<ReconcileTrigger>().TryTake());
    }

    [Fact]
    public async Task Body_OverOneMebibyteWithoutContentLength_Returns413WhileReading()
    {
        var chunk = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
        var content = new PushStreamContent(async stream =>
        {
            for (var i = 0; i < 20; i++) await stream.WriteAsync(chunk);
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/generic") { Content = content };
        request.Headers.Add("X-Signature", "sha256=" + new string('0', 64));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task GitHubPullRequest_Opened_Returns202AndQueuesValidation()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("github-pull_request.json"));

        using var response = await _host.Client.SendAsync(Deliveries.SignedGitHub("pull_request", body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("validation of 5e6f7a8 queued", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("labeled")]
    public async Task GitHubPullRequest_OtherActions_AreIgnored(string action)
    {
        var payload = Deliveries.Payload("github-pull_request.json");
        payload["action"] = action;

        using var response = await _host.Client.SendAsync(Deliveries.SignedGitHub("pull_request", Deliveries.Bytes(payload)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task GitLabPushHook_WithToken_Returns202AndRequestsFetch()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("gitlab-push.json"));

        using var response = await _host.Client.SendAsync(Deliveries.GitLab("Push Hook", body, WebhookHost.GitLabToken));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(_host.Get<ReconcileTrigger>().TryTake()?.Fetch);
    }

    [Fact]
    public async Task GitLabPushHook_WithWrongOrMissingToken_Returns401()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("gitlab-push.json"));

        using var wrong = await _host.Client.SendAsync(Deliveries.GitLab("Push Hook", body, WebhookHost.GitLabToken + "x"));
        using var missing = await _host.Client.SendAsync(Deliveries.GitLab("Push Hook", body, token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Null(_host.Get<ReconcileTrigger>().TryTake());
    }

    [Fact]
    public async Task GitLabPushHook_ToAnotherBranch_IsIgnored()
    {
        var payload = Deliveries.Payload("gitlab-push.json");
        payload["ref"] = "refs/heads/develop";

        using var response = await _host.Client.SendAsync(Deliveries.GitLab("Push Hook", Deliveries.Bytes(payload), WebhookHost.GitLabToken));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Null(_host.Get<ReconcileTrigger>().TryTake());
    }

    [Fact]
    public async Task GitLabMergeRequestHook_Open_QueuesValidationOfTheLastCommit()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("gitlab-merge_request.json"));

        using var response = await _host.Client.SendAsync(Deliveries.GitLab("Merge Request Hook", body, WebhookHost.GitLabToken));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("merge request !12 (open)", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitLabEventUuid_Replayed_IsProcessedOnce()
    {
        var body = Deliveries.Bytes(Deliveries.Payload("gitlab-push.json"));
        var id = Guid.NewGuid().ToString();
        var trigger = _host.Get<ReconcileTrigger>();

        using var first = await _host.Client.SendAsync(Deliveries.GitLab("Push Hook", body, WebhookHost.GitLabToken, id));
        var firstRequest = trigger.TryTake();
        using var replay = await _host.Client.SendAsync(Deliveries.GitLab("Push Hook", body, WebhookHost.GitLabToken, id));

        Assert.NotNull(firstRequest);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Null(trigger.TryTake());
    }

    [Fact]
    public async Task Generic_AnySignedBody_RequestsFetchAndReconcile()
    {
        var body = Encoding.UTF8.GetBytes("deploy please");

        using var response = await _host.Client.SendAsync(Deliveries.Generic(body, Deliveries.Signature(WebhookHost.GenericSecret, body)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(_host.Get<ReconcileTrigger>().TryTake()?.Fetch);
    }

    [Fact]
    public async Task Generic_WithGitHubSecretSignature_Returns401()
    {
        var body = Encoding.UTF8.GetBytes("{}");

        using var response = await _host.Client.SendAsync(Deliveries.Generic(body, Deliveries.Signature(WebhookHost.GitHubSecret, body)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Deliveries_AreCountedInTheWebhookMetric()
    {
        var before = _host.Get<GitOpsMetrics>().WebhookCount("generic", "unauthorized");

        using var response = await _host.Client.SendAsync(Deliveries.Generic("{}"u8.ToArray(), signature: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(_host.Get<GitOpsMetrics>().WebhookCount("generic", "unauthorized") >= before + 1);
    }
}
