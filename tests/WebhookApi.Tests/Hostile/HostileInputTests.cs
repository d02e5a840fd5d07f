using System.Net;
using System.Text.Json;

namespace GitOps.WebhookApi.Tests.Hostile;

/// <summary>The hostile input suite (issue 11): each case against one real host, asserting the status, the problem
/// type, that the answer names what is wrong, that the head did not move, and that the service still reads.</summary>
[Collection(HostileCollection.Name)]
public sealed class HostileInputTests(HostileHost host)
{
    public static TheoryData<string> Cases() => HostileCases.Names();

    [Fact]
    public void TheSuite_HasAtLeast150Cases() => Assert.True(HostileCases.ByName.Count >= 150, $"only {HostileCases.ByName.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequest_IsRefusedClearly_WithoutMovingTheHead(string name)
    {
        var hostile = HostileCases.ByName[name];
        var head = host.RepositoryHead();
        var client = hostile.Caller switch
        {
            Caller.Viewer => host.Viewer,
            Caller.Anonymous => host.Anonymous,
            _ => host.Admin,
        };
        var request = (hostile with
        {
            Path = hostile.Path.Replace("{head}", head, StringComparison.Ordinal),
            IfMatch = hostile.IfMatch?.Replace("{head}", head, StringComparison.Ordinal),
        }).ToRequest();

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{name}: answered {(int)response.StatusCode}: {body}");
        Assert.True(hostile.Status == response.StatusCode, $"{name}: expected {(int)hostile.Status}, got {(int)response.StatusCode}: {body}");
        if (hostile.Slug is not null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal($"urn:gitops:problem:{hostile.Slug}", problem.GetProperty("type").GetString());
            Assert.Equal((int)hostile.Status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"{name}: no detail: {body}");
        }
        if (hostile.Names is not null) Assert.Contains(hostile.Names, body, StringComparison.Ordinal);
        Assert.Equal(head, host.RepositoryHead());
        using var read = await host.Viewer.GetAsync(new Uri("api/v1/plugins", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Theory]
    [InlineData(int.MaxValue, 500)]
    [InlineData(int.MaxValue - 1, 2)]
    [InlineData(0, 500)]
    public async Task PageToken_NearIntMaxValueOrCoveringTheEnd_OffersNoNextToken(int offset, int pageSize)
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes($"v1:{offset}"));

        using var response = await host.Viewer.GetAsync(new Uri(
            $"api/v1/plugins/models/sources/organization_ai_models/entities?pageSize={pageSize}&pageToken={token}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextPageToken").ValueKind);
        Assert.True(page.GetProperty("totalSize").GetInt32() > 0);
    }
}
