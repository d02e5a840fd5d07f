using System.Text.Json;
using System.Text.RegularExpressions;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>The reference implementation and real clients against the running host: graphql-js validates the served SDL
/// and every document of the docs and tests; graphql-request and graphql-sse drive a query, a stale mutation and a
/// subscription.</summary>
public sealed partial class GraphClientTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task ServedSchema_AndEveryDocumentOfDocsAndTests_ValidateWithGraphQLJs()
    {
        using var data = new TempDirectory("gitops-graphql");
        var sdl = await server.Viewer.GetStringAsync(new Uri("/graphql/schema.graphql", UriKind.Relative));
        await File.WriteAllTextAsync(Path.Combine(data.Path, "schema.graphql"), sdl);
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "GRAPHQL.md"));
        var documents = GraphqlBlock().Matches(docs).Select((m, i) => ("docs/GRAPHQL.md#" + i, m.Groups[1].Value))
            .Concat(GraphParityTests.Documents.Select((d, i) => ("parity#" + i, d)))
            .Concat(GraphProtocolTests.Documents.Select((d, i) => ("protocol#" + i, d)))
            .Concat(GraphErrorTwinTests.Cases().Select(row => ("twin:" + row[0], (string)row[5])))
            .Concat(GraphErrorTwinTests.Documents.Select((d, i) => ("twin#" + i, d)))
            .Concat(GraphSecretTests.Documents.Select((d, i) => ("secrets#" + i, d)))
            .Concat(GraphStorageFaultTests.Documents.Select((d, i) => ("storage#" + i, d)))
            .Append(("known-bad", "{ nosuchfield }"))
            .Select(d => new { name = d.Item1, query = d.Item2 })
            .ToList();
        Assert.True(documents.Count(d => d.name.StartsWith("docs/", StringComparison.Ordinal)) >= 4);
        await File.WriteAllTextAsync(Path.Combine(data.Path, "documents.json"), JsonSerializer.Serialize(documents));

        var (exitCode, output, error) = await NodeScripts.RunAsync("validate.mjs", Path.Combine(data.Path, "schema.graphql"), Path.Combine(data.Path, "documents.json"));

        Assert.True(output.Length > 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.True(report.GetProperty("schemaTypes").GetInt32() > 20);
        var results = report.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("errors"));
        Assert.Equal(documents.Count, results.Count);
        // The known-bad document proves the validation runs; every other document must be valid.
        Assert.True(results["known-bad"].GetArrayLength() > 0);
        var invalid = results.Where(r => r.Key != "known-bad" && r.Value.GetArrayLength() > 0).Select(r => $"{r.Key}: {r.Value}").ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task RealClients_RunAQuery_GetHeadMovedForAStaleMutation_AndReceiveACommitBySubscription()
    {
        var commits = server.CommitCount();
        var url = new Uri(server.Service.BaseAddress, "graphql").ToString();

        var (exitCode, output, error) = await NodeScripts.RunAsync("client.mjs", url, ApiServer.AdminToken);

        Assert.True(exitCode == 0, $"{output}\n{error}");
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Contains("models", report.GetProperty("query").GetProperty("plugins").EnumerateArray().Select(p => p.GetString()));
        var stale = report.GetProperty("stale");
        Assert.True(stale.GetProperty("refused").GetBoolean());
        Assert.Equal("HEAD_MOVED", stale.GetProperty("code").GetString());
        Assert.Equal(40, stale.GetProperty("currentHead").GetString()!.Length);
        var events = report.GetProperty("subscription");
        Assert.True(events.GetArrayLength() >= 1, output);
        var first = events[0];
        Assert.Equal(40, first.GetProperty("head").GetString()!.Length);
        Assert.Contains("community_models", first.GetProperty("commit").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("commit").GetProperty("changedSources").EnumerateArray(),
            c => c.GetProperty("plugin").GetString() == "models" && c.GetProperty("source").GetString() == "community_models");
        Assert.True(server.CommitCount() > commits);
    }

    [GeneratedRegex("```graphql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphqlBlock();
}
