using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests;

/// <summary>One real service (seeded from examples/repo) shared by the tests of the <see cref="ServerCollection"/>.
/// Tests that change configuration work on plugins they create themselves, so they do not see each other's changes.</summary>
public sealed class ServerFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("gitops-cli");

    public ServiceProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServiceProcess.StartAsync(_directory.Path);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    public Task<CliResult> RunAsync(params string[] args) => CliRun.AgainstAsync(Server, args);

    /// <summary>A new plugin with one yaml source over a two-model catalog; returns the plugin name.</summary>
    public async Task<string> CreatePluginWithSourceAsync(string sourceId = "team_models")
    {
        var plugin = $"t-{Guid.NewGuid():N}"[..14];
        Assert.Equal(0, (await RunAsync("plugins", "create", plugin)).ExitCode);
        using var files = new TempDirectory("gitops-cli-input");
        var catalog = Path.Combine(files.Path, "team-models.yaml");
        await File.WriteAllTextAsync(catalog, TestDocuments.Catalog);
        var put = await RunAsync("files", "put", plugin, "team-models.yaml", "-f", catalog);
        Assert.True(put.ExitCode == 0, put.ToString());
        var source = Path.Combine(files.Path, "source.yaml");
        await File.WriteAllTextAsync(source, TestDocuments.Source(sourceId, "team-models.yaml"));
        var add = await RunAsync("sources", "add", plugin, "-f", source);
        Assert.True(add.ExitCode == 0, add.ToString());
        return plugin;
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
