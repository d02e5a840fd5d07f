using System.Text;
using LibGit2Sharp;

namespace GitOps.TestSupport.Git;

/// <summary>Writes draft branches straight into a repository, as the drafts store does (a branch off the tracked head).</summary>
public static class DraftBranches
{
    /// <summary>Writes <c>refs/heads/{branch}</c>: one commit on the tip of <c>main</c> that sets one file; returns its sha.</summary>
    public static string Commit(string gitDirectory, string branch, string path, string content, string author = "Dana Draft")
    {
        using var repository = new Repository(gitDirectory);
        var tip = repository.Branches["main"].Tip;
        var tree = TreeDefinition.From(tip.Tree);
        tree.Add(path, repository.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(content))), Mode.NonExecutableFile);
        var signature = new Signature(author, "dana@example.com", DateTimeOffset.UtcNow);
        var commit = repository.ObjectDatabase.CreateCommit(signature, signature, $"{branch}: edit {path}\n", repository.ObjectDatabase.CreateTree(tree), [tip], false);
        repository.Refs.Add($"refs/heads/{branch}", commit.Id, allowOverwrite: true);
        return commit.Sha;
    }
}
