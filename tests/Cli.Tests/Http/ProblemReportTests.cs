using System.Collections;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Http;

[Collection(ServerCollection.Name)]
public sealed class ProblemReportTests(ServerFixture fixture)
{
    [Fact]
    public async Task AnyCommand_WithABadToken_ExitsThreeWithoutPrintingTheToken()
    {
        const string token = "not-the-right-token-5d1c";
        var environment = new Hashtable { ["GITOPS_SERVER"] = fixture.Server.BaseAddress.ToString(), ["GITOPS_TOKEN"] = token };

        var result = await CliRun.RunAsync(environment, "sources", "list", "models");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--token", result.Error);
        Assert.DoesNotContain(token, result.Error + result.Out);
    }

    [Fact]
    public async Task AMutation_WithABadToken_ExitsThreeAndWritesNothing()
    {
        var head = (await fixture.RunAsync("status", "-o", "json")).Out;
        var environment = new Hashtable { ["GITOPS_SERVER"] = fixture.Server.BaseAddress.ToString() };

        var result = await CliRun.RunAsync(environment, "--token", "wrong", "sources", "disable", "models", "organization_ai_models", "--if-match", "*");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("\"head\"", head);
        Assert.Equal(
            System.Text.Json.Nodes.JsonNode.Parse(head)!["head"]!.GetValue<string>(),
            System.Text.Json.Nodes.JsonNode.Parse((await fixture.RunAsync("status", "-o", "json")).Out)!["head"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheDataDirectoryOption_ReadsTheEmbeddedDefaultsAdminToken()
    {
        var environment = new Hashtable { ["GITOPS_SERVER"] = fixture.Server.BaseAddress.ToString() };

        var result = await CliRun.RunAsync(environment, "--data-dir", fixture.Server.DataDirectory, "plugins", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("models", result.Out);
    }

    [Theory]
    [InlineData("sources", "get", "models")]
    [InlineData("sources", "list", "models", "-o", "xml")]
    [InlineData("sources", "add", "models")]
    [InlineData("no-such-verb")]
    public async Task BadUsage_ExitsOne(params string[] args)
    {
        var result = await fixture.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }

    [Fact]
    public async Task AServerThatIsNotListening_ExitsFourAndNamesTheServer()
    {
        var address = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await CliRun.RunAsync(new Hashtable(), "--server", address, "--token", "x", "status");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"error: cannot reach the server at {address}/", result.Error);
    }
}
