using System.Net.Http.Headers;
using System.Text.Json;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Settings;

/// <summary>Local development: Repository:Path is a developer's non-bare clone; a plain <c>git commit</c> there is served
/// and reconciled by the watcher (the interval pass is set to an hour, so nothing else could do it).</summary>
public sealed class WorkingCloneTests
{
    [Fact]
    public async Task GitCommitInTheClone_IsReconciled_AndTheAdminTokenStaysOutOfGitStatus()
    {
        using var clone = new TempDirectory("gitops-clone");
        CopyDirectory(RepositoryRoot.ExamplesRepo, clone.Path);
        var gitDir = Path.Combine(clone.Path, ".git");
        Git(clone.Path, "init", "--quiet", "--initial-branch=main");
        Git(clone.Path, "add", "-A");
        Git(clone.Path, "commit", "--quiet", "-m", "initial");
        await using var service = await ServiceProcess.StartAsync(clone.Path, new Dictionary<string, string?> { ["GitOps__Reconcile__Interval"] = "01:00:00" });
        Assert.False(Directory.Exists(Path.Combine(clone.Path, "repo.git")));
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service.AdminToken);

        var sources = Path.Combine(clone.Path, "plugins", "models", "sources.yaml");
        File.WriteAllText(sources, File.ReadAllText(sources).Replace("pageSize: 50", "pageSize: 77", StringComparison.Ordinal));
        Git(clone.Path, "commit", "--quiet", "-am", "models: page size 77");
        var head = GitCli.Run(gitDir, "rev-parse", "HEAD");

        await SettingsOverlayTests.WaitUntilAsync(async () => await AppliedHeadAsync(http) == head, "the commit is reconciled");
        using var plugin = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/v1/plugins/models", UriKind.Relative)));
        Assert.Equal(77, plugin.RootElement.GetProperty("config").GetProperty("pageSize").GetInt32());
        Assert.True(File.Exists(Path.Combine(clone.Path, "admin.token")));
        Assert.Equal("", Git(clone.Path, "status", "--porcelain"));
    }

    private static async Task<string?> AppliedHeadAsync(HttpClient http)
    {
        using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/v1/status", UriKind.Relative)));
        return status.RootElement.GetProperty("lastReconcile").GetProperty("appliedHead").GetString();
    }

    private static string Git(string workTree, params string[] arguments) =>
        GitCli.Run(Path.Combine(workTree, ".git"), ["--work-tree", workTree, .. arguments]);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
