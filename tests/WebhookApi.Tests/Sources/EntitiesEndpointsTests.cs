using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using GitOps.WebhookApi.Tests.Runtime;

namespace GitOps.WebhookApi.Tests.Sources;

[Collection(RuntimeApp.Collection)]
public sealed class EntitiesEndpointsTests : IDisposable
{
    private readonly RuntimeApp _app = new();
    private readonly HttpClient _client;

    public EntitiesEndpointsTests() => _client = _app.CreateClient();

    private async Task<JsonElement> GetAsync(string query)
    {
        using var response = await _client.GetAsync(new Uri($"/api/v1/plugins/models/sources/b/entities{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Entities_DefaultPage_Has50ItemsWithTheirFieldsAndATotal()
    {
        var page = await GetAsync("");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Equal("model-000", items[0].GetProperty("name").GetString());
        Assert.Equal("about model-000", items[0].GetProperty("description").GetString());
        Assert.Equal("8B", items[0].GetProperty("customProperties").GetProperty("size").GetProperty("string_value").GetString());
        Assert.Equal(120, page.GetProperty("totalSize").GetInt32());
        Assert.False(string.IsNullOrEmpty(page.GetProperty("nextPageToken").GetString()));
    }

    [Fact]
    public async Task Entities_FollowingPageTokens_VisitsEveryEntityOnce()
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await GetAsync($"?pageSize=50{(token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}")}");
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
            token = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"model-{i:D3}"), names);
    }

    [Fact]
    public async Task Entities_Filter_IsACaseInsensitiveSubstringOfTheName()
    {
        var page = await GetAsync("?filter=MODEL-11");

        Assert.Equal(10, page.GetProperty("totalSize").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("model-11", i.GetProperty("name").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?pageSize=501")]
    [InlineData("?pageSize=0")]
    [InlineData("?pageToken=not-a-token")]
    public async Task Entities_BadPaging_Is400(string query)
    {
        using var response = await _client.GetAsync(new Uri($"/api/v1/plugins/models/sources/b/entities{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Entities_MaxPageSize_Is500()
    {
        var page = await GetAsync("?pageSize=500");

        Assert.Equal(120, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Entities_UnknownSource_Is404()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/plugins/models/sources/zz/entities", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }
}
