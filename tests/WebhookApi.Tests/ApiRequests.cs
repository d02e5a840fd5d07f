using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GitOps.WebhookApi.Tests;

/// <summary>Requests as a client sends them: JSON or raw bodies, If-Match, and reading ETags and problem details.</summary>
public static class ApiRequests
{
    public static async Task<string> ETagAsync(this HttpClient client, string path = "status")
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? json,
        string? ifMatch, string contentType = "application/json", string? reason = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (reason is not null) request.Headers.Add("X-Change-Reason", reason);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendBytesAsync(this HttpClient client, HttpMethod method, string path, byte[] body, string contentType, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        // A large body asks first (Expect: 100-continue), as real clients do: a server that refuses it (413) answers before
        // the body is sent, instead of closing the connection under a client still writing (a broken pipe, not an answer).
        if (body.Length > 64 * 1024) request.Headers.ExpectContinue = true;
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json answer with the status and type slug, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal($"urn:gitops:problem:{slug}", problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("requestId").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("instance").GetString()));
        return problem;
    }
}
