using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace GitOps.WebhookApi.Tests.Hostile;

/// <summary>Who sends a hostile request.</summary>
public enum Caller
{
    Admin,
    Viewer,
    Anonymous,
}

/// <summary>One hostile request and the answer it must get: the status, the problem type slug (null for an answer that
/// is not a problem, such as a dry run reporting a diagnostic) and, optionally, a text the body must contain (the
/// field or parameter the answer names).</summary>
public sealed record HostileCase(
    string Name,
    string Method,
    string Path,
    HttpStatusCode Status,
    string? Slug,
    byte[]? Body = null,
    string? ContentType = null,
    string? IfMatch = null,
    Caller Caller = Caller.Admin,
    string? Names = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string MergePatch = "application/merge-patch+json";

    public static HostileCase JsonBody(string name, string method, string path, string json, HttpStatusCode status, string? slug,
        string? names = null, string contentType = Json, string? ifMatch = "*") =>
        new(name, method, path, status, slug, Encoding.UTF8.GetBytes(json), contentType, ifMatch, Names: names);

    public static HostileCase YamlFile(string name, string file, byte[] content, HttpStatusCode status, string? slug, string? names = null) =>
        new(name, "PUT", $"api/v1/plugins/models/files/{file}", status, slug, content, Yaml, "*", Names: names);

    /// <summary>A GitHub delivery signed with the host's secret, so that it reaches the checks after the signature.</summary>
    public static HostileCase GitHub(string name, string @event, string body, string? deliveryId, HttpStatusCode status, string? slug, string? names = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HostileHost.GitHubSecret), bytes));
        var headers = new List<KeyValuePair<string, string>> { new("X-GitHub-Event", @event), new("X-Hub-Signature-256", signature) };
        if (deliveryId is not null) headers.Add(new("X-GitHub-Delivery", deliveryId));
        return new HostileCase(name, "POST", "webhooks/github", status, slug, bytes, Json, Caller: Caller.Anonymous, Names: names, Headers: headers);
    }

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            // Large bodies ask first, so a 413 is read as an answer rather than racing a client still writing (broken pipe).
            if (Body.Length > 64 * 1024) request.Headers.ExpectContinue = true;
        }
        if (IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        foreach (var (key, value) in Headers ?? []) request.Headers.TryAddWithoutValidation(key, value);
        return request;
    }

    public override string ToString() => Name;
}
