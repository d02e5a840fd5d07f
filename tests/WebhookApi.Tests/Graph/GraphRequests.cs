using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>GraphQL over HTTP as a client sends it, and the documents the tests use (all checked by graphql-js too).</summary>
public static class GraphRequests
{
    public static readonly Uri Endpoint = new("/graphql", UriKind.Relative);

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> GraphAsync(this HttpClient client, string query,
        object? variables = null, string accept = "application/graphql-response+json")
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null) body["variables"] = JsonSerializer.SerializeToNode(variables);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The data of a request that must succeed.</summary>
    public static async Task<JsonElement> DataAsync(this HttpClient client, string query, object? variables = null)
    {
        var (response, body) = await client.GraphAsync(query, variables);
        Assert.True(!body.TryGetProperty("errors", out _), $"{(int)response.StatusCode}: {body}");
        return body.GetProperty("data");
    }

    /// <summary>The first error's <c>extensions.code</c> (and the error).</summary>
    public static (string Code, JsonElement Error) FirstError(this JsonElement body)
    {
        Assert.True(body.TryGetProperty("errors", out var errors), $"expected errors: {body}");
        var error = errors[0];
        return (error.GetProperty("extensions").GetProperty("code").GetString()!, error);
    }

    public const string SourceFields =
        "id name type enabled labels properties include exclude hash section assetType status { state entityCount lastRefreshedAt appliedHash diagnostics { severity message file line } }";

    public const string PluginSummaryFields = "name config hash dialect sourceCount enabledCount status { runningHash drift ready error disabled }";

    public const string CommitFields =
        "sha author { name email } time summary message trailers changedPlugins changedSources { plugin source change } parents signature { signed format keyId signer verified reason }";
}
