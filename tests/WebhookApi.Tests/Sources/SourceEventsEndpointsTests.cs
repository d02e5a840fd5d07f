using System.Net;
using System.Text.Json;
using GitOps.WebhookApi.Tests.Settings;
using GitOps.WebhookApi.Tests.Versions;

namespace GitOps.WebhookApi.Tests.Sources;

public sealed class SourceEventsEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Events_AfterAPatchARefreshAndAStateChange_AreListedNewestFirst_AndPage()
    {
        var plugin = await VersionTestPlugins.CreateAsync(server);
        var path = $"plugins/{plugin}/sources/team_models";
        await VersionTestPlugins.WaitAppliedAsync(server);
        using (var patched = await server.Operator.SendJsonAsync(HttpMethod.Patch, path, """{"enabled":false}""", "*", "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var disable = server.RepositoryHead();
        await WaitForAsync(path, e => Kind(e) == "StateChanged" && State(e) == "Disabled", "the source is disabled");
        using (var patched = await server.Operator.SendJsonAsync(HttpMethod.Patch, path, """{"enabled":true}""", "*", "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        await WaitForAsync(path, e => Kind(e) == "StateChanged" && State(e) == "Ready" && e.GetProperty("previousState").GetString() == "Disabled", "the source is ready again");
        using (var refreshed = await server.Operator.SendJsonAsync(HttpMethod.Post, $"{path}/refresh", null, null))
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        var events = await AllAsync(path, pageSize: 2);

        Assert.Equal("Refreshed", Kind(events[0]));
        Assert.Equal("Ready", State(events[0]));
        var disabled = events.Single(e => Kind(e) == "StateChanged" && State(e) == "Disabled");
        Assert.Equal("Ready", disabled.GetProperty("previousState").GetString());
        Assert.Contains("disabled", disabled.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var committed = events.Single(e => Kind(e) == "Committed" && e.GetProperty("commit").GetString() == disable);
        Assert.Equal($"{plugin}: disable source team_models", committed.GetProperty("summary").GetString());
        Assert.Equal("olivia", committed.GetProperty("author").GetString());
        Assert.False(committed.TryGetProperty("state", out _)); // fields that do not apply are left out
        Assert.Equal(3, events.Count(e => Kind(e) == "Committed")); // added, disabled, enabled; not the plugin's creation or its file
        var times = events.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToArray();
        Assert.Equal(times.OrderDescending(), times);
        Assert.True(events.IndexOf(disabled) < events.IndexOf(committed), "the state change comes after the commit that caused it");
    }

    [Fact]
    public async Task Events_OfAnUnknownSource_Return404_AndABadCursor400()
    {
        using var missing = await server.Viewer.GetAsync(new Uri("plugins/models/sources/never_there/events", UriKind.Relative));
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var cursor = await server.Viewer.GetAsync(new Uri("plugins/models/sources/community_models/events?cursor=bm9wZQ", UriKind.Relative));
        await cursor.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    internal static async Task<List<JsonElement>> AllAsync(ApiServer server, string path, int pageSize)
    {
        var events = new List<JsonElement>();
        string? cursor = null;
        do
        {
            using var response = await server.Viewer.GetAsync(new Uri($"{path}/events?limit={pageSize}{(cursor is null ? "" : $"&cursor={cursor}")}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await response.JsonAsync();
            Assert.True(page.GetProperty("events").GetArrayLength() <= pageSize);
            events.AddRange(page.GetProperty("events").EnumerateArray());
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        return events;
    }

    internal static string? Kind(JsonElement e) => e.GetProperty("kind").GetString();

    private static string? State(JsonElement e) => e.TryGetProperty("state", out var state) ? state.GetString() : null;

    private Task<List<JsonElement>> AllAsync(string path, int pageSize) => AllAsync(server, path, pageSize);

    private Task WaitForAsync(string path, Func<JsonElement, bool> match, string what) =>
        SettingsOverlayTests.WaitUntilAsync(async () => (await AllAsync(path, 100)).Any(match), what);
}

/// <summary>The restart case has a server of its own: restarting a shared one would disturb the other tests.</summary>
public sealed class SourceEventsRestartTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Events_AfterARestart_StillListTheCommitsAndDraftsThatTouchedTheSource()
    {
        var plugin = await VersionTestPlugins.CreateAsync(server);
        var path = $"plugins/{plugin}/sources/team_models";
        using (var patched = await server.Admin.SendJsonAsync(HttpMethod.Patch, path, """{"labels":["after-restart"]}""", "*", "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var patch = server.RepositoryHead();
        var draft = VersionTestPlugins.CommitDraft(server, "retitle", $"plugins/{plugin}/team.yaml", "source: Draft\nmodels: []\n");

        await server.Service.RestartAsync();
        var events = await SourceEventsEndpointsTests.AllAsync(server, path, pageSize: 50);

        Assert.Contains(events, e => SourceEventsEndpointsTests.Kind(e) == "Committed" && e.GetProperty("commit").GetString() == patch);
        var drafted = Assert.Single(events, e => SourceEventsEndpointsTests.Kind(e) == "Draft");
        Assert.Equal("retitle", drafted.GetProperty("draft").GetString());
        Assert.Equal(draft, drafted.GetProperty("commit").GetString());
        Assert.Equal("Dana Draft", drafted.GetProperty("author").GetString());
    }
}
