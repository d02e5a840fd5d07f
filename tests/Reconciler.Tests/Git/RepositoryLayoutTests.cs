using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>Repository:Path as a developer's working clone (no remote): served from its .git, never seeded, admin.token excluded.</summary>
public sealed class RepositoryLayoutTests
{
    [Fact]
    public void WorkingClone_IsServedFromItsGitDirectory_AndSeesACommitMadeWithGit()
    {
        using var clone = NewClone("main");
        using var store = StoreFactory.Open(clone.Path, RepositoryRoot.ExamplesRepo);

        Assert.True(store.Layout.IsWorkingClone);
        Assert.Equal(Path.Combine(clone.Path, ".git"), store.RepositoryPath);
        Assert.False(Directory.Exists(Path.Combine(clone.Path, "repo.git")));
        var sources = Path.Combine(clone.Path, "plugins", "models", "sources.yaml");
        File.WriteAllText(sources, File.ReadAllText(sources).Replace("pageSize: 50", "pageSize: 60", StringComparison.Ordinal));
        Git(clone.Path, "commit", "--quiet", "-am", "page size 60");

        store.Reload();

        Assert.Equal(GitCli.Run(Path.Combine(clone.Path, ".git"), "rev-parse", "HEAD"), store.Current.Head);
        Assert.Equal(60L, store.Current.Plugins["models"].Config["pageSize"]);
    }

    [Fact]
    public void WorkingCloneWithoutTheBranch_FailsNamingIt_AndIsNotSeeded()
    {
        using var clone = NewClone("develop");
        using var store = StoreFactory.Create(clone.Path, RepositoryRoot.ExamplesRepo, branch: "main");

        var error = Assert.Throws<InvalidOperationException>(store.Initialize);

        Assert.Contains("without branch main", error.Message, StringComparison.Ordinal);
        Assert.Equal("", GitCli.TryRun(Path.Combine(clone.Path, ".git"), "rev-parse", "--verify", "--quiet", "refs/heads/main").Output);
    }

    [Fact]
    public void WithARemote_OrWithoutDotGit_TheBareRepoGitIsUsed()
    {
        using var clone = NewClone("main");
        Assert.False(RepositoryLayout.For(new RepositoryOptions { Path = clone.Path, RemoteUrl = "https://x.example/c.git" }).IsWorkingClone);
        using var plain = new TempDirectory("gitops-plain");
        var layout = RepositoryLayout.For(new RepositoryOptions { Path = plain.Path });
        Assert.Equal((Path.Combine(plain.Path, "repo.git"), false), (layout.GitDirectory, layout.IsWorkingClone));
    }

    [Fact]
    public void ExcludeFromWorkTree_KeepsTheFileOutOfGitStatus_Once()
    {
        using var clone = NewClone("main");
        var layout = RepositoryLayout.For(new RepositoryOptions { Path = clone.Path });
        File.WriteAllText(Path.Combine(clone.Path, "admin.token"), "secret\n");

        layout.ExcludeFromWorkTree("admin.token");
        layout.ExcludeFromWorkTree("admin.token");

        Assert.Equal("", Git(clone.Path, "status", "--porcelain"));
        Assert.Single(File.ReadAllLines(Path.Combine(clone.Path, ".git", "info", "exclude")), l => l == "/admin.token");
    }

    private static TempDirectory NewClone(string branch)
    {
        var clone = new TempDirectory("gitops-clone");
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.ExamplesRepo, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(clone.Path, Path.GetRelativePath(RepositoryRoot.ExamplesRepo, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Git(clone.Path, "init", "--quiet", $"--initial-branch={branch}");
        Git(clone.Path, "add", "-A");
        Git(clone.Path, "commit", "--quiet", "-m", "initial");
        return clone;
    }

    private static string Git(string workTree, params string[] arguments) =>
        GitCli.Run(Path.Combine(workTree, ".git"), ["--work-tree", workTree, .. arguments]);
}
