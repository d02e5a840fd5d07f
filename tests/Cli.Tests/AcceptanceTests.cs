using System.Collections;
using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests;

/// <summary>Acceptance criteria of issue 3 driven through the CLI against the real service, with restarts.</summary>
public sealed class AcceptanceTests
{
    [Fact]
    public async Task AC1_SourceAddedWithTheCli_IsPresentAndEnabledAfterARestart()
    {
        using var data = new TempDirectory("gitops-cli-ac1");
        await using var server = await ServiceProcess.StartAsync(data.Path);
        var source = Path.Combine(data.Path, "new-source.yaml");
        await File.WriteAllTextAsync(source, TestDocuments.Source("ac1_models", "organization-models.yaml"));

        var add = await CliRun.AgainstAsync(server, "sources", "add", "models", "-f", source, "--reason", "AC1");
        Assert.True(add.ExitCode == 0, add.ToString());

        await server.RestartAsync();
        var get = await CliRun.AgainstAsync(server, "sources", "get", "models", "ac1_models", "-o", "json");

        Assert.True(get.ExitCode == 0, get.ToString());
        var added = JsonNode.Parse(get.Out)!;
        Assert.Equal("ac1_models", added["id"]!.GetValue<string>());
        Assert.True(added["enabled"]!.GetValue<bool>());
        Assert.Equal("organization-models.yaml", added["properties"]!["yamlCatalogPath"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnyCommand_AfterTheServerStopped_ExitsFour()
    {
        using var data = new TempDirectory("gitops-cli-stopped");
        await using var server = await ServiceProcess.StartAsync(data.Path);
        Hashtable environment = CliRun.Environment(server);
        Assert.Equal(0, (await CliRun.RunAsync(environment, "status")).ExitCode);

        await server.StopAsync();
        var result = await CliRun.RunAsync(environment, "sources", "disable", "models", "organization_ai_models");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error: cannot reach the server", result.Error);
    }
}
