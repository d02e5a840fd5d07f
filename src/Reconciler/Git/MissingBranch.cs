using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>What to do when the tracked branch has no value at start-up (no loose ref, no packed-refs line, or an empty
/// ref file): seed only a repository that never had history; otherwise restore the branch from its reflog when that is
/// unambiguous, or refuse to start.</summary>
/// <remarks>
/// A repository "had history" when it holds any object or a reflog for the branch. Seeding it would move the branch onto
/// a new root commit and leave every earlier commit off the branch (issue 11). The reflog's last line is where the branch
/// last pointed; it is unambiguous when that line moved the branch to a commit the object database still has.
/// </remarks>
internal abstract record MissingBranch
{
    private MissingBranch() { }

    /// <summary>A new repository: seeding it loses nothing.</summary>
    public sealed record Fresh : MissingBranch;

    /// <summary>The reflog's last entry names a commit that is present: point the branch back at it.</summary>
    public sealed record Restore(string Commit, string ReflogEntry) : MissingBranch;

    /// <summary>History exists but cannot be restored without a person deciding: start-up fails with this message.</summary>
    public sealed record Refuse(string Message) : MissingBranch;

    public static MissingBranch Inspect(Repository repository, string gitDirectory, string refName, string dataDirectory)
    {
        var reflog = Path.Combine(gitDirectory, "logs", refName.Replace('/', Path.DirectorySeparatorChar));
        var last = LastLine(reflog);
        if (last is null && !HasObjects(gitDirectory)) return new Fresh();

        var target = last?.Split(' ', 3) is [_, var id, _] ? id : null;
        if (target is not null && !target.All(c => c == '0') && IsCommit(repository, target))
            return new Restore(target, last!);

        var where = last is null
            ? $"it has no reflog (logs/{refName}), but the object database is not empty"
            : $"the last reflog entry is '{last}', whose commit is not in the object database";
        var repair = target is not null && !target.All(c => c == '0')
            ? $"git -C {gitDirectory} update-ref {refName} <commit> with a commit from `git -C {gitDirectory} fsck --lost-found` or `git -C {gitDirectory} reflog show {refName}`"
            : $"git -C {gitDirectory} fsck --lost-found, then git -C {gitDirectory} update-ref {refName} <commit> with the newest dangling commit";
        return new Refuse(
            $"{refName} is missing or empty in {gitDirectory}, and {where}. Refusing to seed a new repository over existing history. " +
            $"Repair: {repair}; or, to start over and lose that history, delete {dataDirectory}");
    }

    private static string? LastLine(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        return lines.LastOrDefault(l => l.Trim().Length > 0)?.Trim();
    }

    private static bool HasObjects(string gitDirectory)
    {
        var objects = Path.Combine(gitDirectory, "objects");
        if (!Directory.Exists(objects)) return false;
        return Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories)
            .Any(f => !Path.GetRelativePath(objects, f).StartsWith("info", StringComparison.Ordinal));
    }

    private static bool IsCommit(Repository repository, string id)
    {
        try
        {
            return repository.Lookup<Commit>(id) is not null;
        }
        catch (LibGit2SharpException)
        {
            return false;
        }
    }
}
