using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>Builds webhook deliveries the way GitHub, GitLab and a generic sender do, with real HMAC signatures.</summary>
internal static class Deliveries
{
    public static JsonNode Payload(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Webhooks", "Payloads", name)))!;

    public static byte[] Bytes(JsonNode payload) => Encoding.UTF8.GetBytes(payload.ToJsonString());

    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A GitHub delivery: <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c>, <c>X-Hub-Signature-256</c> (null: no signature header).</summary>
    public static HttpRequestMessage GitHub(string eventName, byte[] body, string? signature, string? deliveryId = null)
    {
        var request = Post("/webhooks/github", body);
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-GitHub-Hook-ID", "482915736");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "repository");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/5f3e1a2");
        if (signature is not null) request.Headers.Add("X-Hub-Signature-256", signature);
        return request;
    }

    public static HttpRequestMessage SignedGitHub(string eventName, byte[] body, string? deliveryId = null) =>
        GitHub(eventName, body, Signature(WebhookHost.GitHubSecret, body), deliveryId);

    public static HttpRequestMessage GitLab(string eventName, byte[] body, string? token, string? deliveryId = null)
    {
        var request = Post("/webhooks/gitlab", body);
        request.Headers.Add("X-Gitlab-Event", eventName);
        request.Headers.Add("X-Gitlab-Event-UUID", deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Gitlab-Instance", "https://gitlab.example.com");
        request.Headers.UserAgent.ParseAdd("GitLab/17.5.1");
        if (token is not null) request.Headers.Add("X-Gitlab-Token", token);
        return request;
    }

    public static HttpRequestMessage Generic(byte[] body, string? signature, string? deliveryId = null)
    {
        var request = Post("/webhooks/generic", body);
        if (signature is not null) request.Headers.Add("X-Signature", signature);
        if (deliveryId is not null) request.Headers.Add("X-Delivery-Id", deliveryId);
        return request;
    }

    private static HttpRequestMessage Post(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }
}
