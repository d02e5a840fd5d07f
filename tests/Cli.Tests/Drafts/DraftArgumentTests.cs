namespace GitOps.Cli.Tests.Drafts;

/// <summary>Draft ids, states and plan inputs the client can tell are wrong are refused before any request, naming what is wrong.</summary>
public sealed class DraftArgumentTests : IDisposable
{
    private readonly ListeningSocket _server = new();
    private readonly GitOps.TestSupport.Hosting.TempDirectory _files = new("gitops-cli-plan");

    public void Dispose()
    {
        _server.Dispose();
        _files.Dispose();
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRun.RunAsync(new System.Collections.Hashtable { ["GITOPS_SERVER"] = _server.Address.ToString(), ["GITOPS_TOKEN"] = "t" }, args);

    [Theory]
    [InlineData("draft", "show", "a/b", "'a/b' is not a draft id")]
    [InlineData("draft", "publish", "x..y", "contains '..' or '@{'")]
    [InlineData("draft", "approve", "fix.lock", "ends with '.' or '.lock'")]
    [InlineData("draft", "list", "--state", "Merged", "--state takes Open, Published or Abandoned, not 'Merged'")]
    [InlineData("draft", "create", "--title", "T", "--name", "has space", "--name 'has space' is not a draft id")]
    [InlineData("draft", "create", "--title", " ", "--title must not be empty")]
    [InlineData("sources", "disable", "models", "a", "--draft", ".x", "--draft '.x' is not a draft id: it starts with '.' or '-'")]
    [InlineData("plan", "--delete", "../etc/passwd", "--delete ../etc/passwd: give a repository path")]
    [InlineData("plan", "give at least one changed file with -f")]
    public async Task ABadArgument_ExitsOneWithTheReason_AndSendsNothing(params string[] argsAndMessage)
    {
        var result = await RunAsync(argsAndMessage[..^1]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(argsAndMessage[^1], result.Error);
        Assert.False(_server.WasCalled, "no request may be sent for an argument the client can refuse");
    }

    [Fact]
    public async Task Plan_WithAFileOutsideTheRoot_ExitsOneNamingTheRoot()
    {
        var root = Directory.CreateDirectory(Path.Combine(_files.Path, "repo")).FullName;
        var outside = Path.Combine(_files.Path, "sources.yaml");
        await File.WriteAllTextAsync(outside, "sources: []\n");

        var result = await RunAsync("plan", "-f", outside, "--root", root);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"is not inside --root {root}", result.Error);
        Assert.False(_server.WasCalled);
    }

    [Fact]
    public async Task EveryChangingCommand_TakesDraft()
    {
        foreach (var command in new[] { "sources add", "sources update", "sources enable", "sources disable", "sources delete", "files put", "files delete", "plugins create", "plugins delete", "plugins config set", "secrets set", "secrets delete", "revert", "rollback" })
        {
            var help = await RunAsync([.. command.Split(' '), "--help"]);
            Assert.True(help.Out.Contains("--draft <id>", StringComparison.Ordinal), $"{command} has no --draft:\n{help.Out}");
        }
    }
}
