using System.Net;
using GitOps.TestSupport.GitHub;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>A signed GitHub <c>pull_request</c> delivery for a head on the test remote, and the wait for the service's
/// final commit status (written before its summary comment, so both are awaited).</summary>
internal static class PullRequestDeliveries
{
    public static async Task SendAsync(HttpClient client, int number, string action, string headSha, string headRef, string baseSha, string remoteUrl)
    {
        var payload = Deliveries.Payload("github-pull_request.json");
        payload["action"] = action;
        payload["number"] = number;
        var pr = payload["pull_request"]!;
        pr["number"] = number;
        pr["head"]!["sha"] = headSha;
        pr["head"]!["ref"] = headRef;
        pr["base"]!["sha"] = baseSha;
        pr["head"]!["repo"]!["clone_url"] = remoteUrl;
        pr["base"]!["repo"]!["clone_url"] = remoteUrl;
        using var response = await client.SendAsync(Deliveries.SignedGitHub("pull_request", Deliveries.Bytes(payload)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<FakeStatus> WaitForFinalStatusAsync(FakeGitHubApi github, string sha)
    {
        for (var i = 0; i < 600; i++)
        {
            var final = github.Statuses.LastOrDefault(s => s.Sha == sha && s.State != "pending");
            if (final is not null && github.Requests.Count(r => r.Path.Contains("/comments", StringComparison.Ordinal) && r.Method != "GET") >= github.Statuses.Count(s => s.State != "pending"))
                return final;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no final status for {sha}; requests: {string.Join(", ", github.Requests.Select(r => $"{r.Method} {r.Path}"))}");
    }
}
