using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Git;

/// <summary>Moves a branch from an expected commit to a new one only if it still points at the expected commit,
/// safely against other processes (git, another replica) writing the same repository.</summary>
/// <remarks>
/// Uses git's own ref lock protocol: create <c>refs/heads/&lt;branch&gt;.lock</c> exclusively (O_CREAT|O_EXCL),
/// read the current value from the loose ref or <c>packed-refs</c>, compare, write the new id into the lock file,
/// fsync it, append the reflog line, rename the lock over the ref and fsync the directory. Whoever holds the lock
/// (git update-ref, libgit2, us) is the only writer of that ref, so the compare and the write are one atomic step.
/// A lock whose writer died is broken by the rule in <see cref="RefLock"/>.
/// </remarks>
public sealed class RefCompareAndSwap(string gitDirectory, string refName, TimeSpan? staleLockAfter = null, ILogger? logger = null)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _staleAfter = staleLockAfter ?? RepositoryOptions.DefaultStaleLockAfter;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public string RefPath { get; } = Path.Combine(gitDirectory, refName.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The commit id the ref points at, from the loose ref or packed-refs; null when the ref does not exist.</summary>
    public string? Read()
    {
        var loose = ReadLoose();
        return loose ?? ReadPacked();
    }

    /// <summary>Moves the ref from <paramref name="expected"/> (null: the ref must not exist) to <paramref name="newId"/>.</summary>
    public RefUpdate TryUpdate(string? expected, string newId, ReflogIdentity who, string message)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(RefPath)!);
        using var lockFile = RefLock.TryAcquire(LockPath, LockWait, _staleAfter, _logger);
        if (lockFile is null) return new RefUpdate.Contended(Read());
        var current = Read();
        if (!string.Equals(current, expected, StringComparison.OrdinalIgnoreCase)) return new RefUpdate.Moved(current);
        lockFile.Write(Encoding.ASCII.GetBytes(newId + "\n"));
        AppendReflog(current, newId, who, message);
        lockFile.RenameOver(RefPath);
        DurableFile.SyncDirectory(Path.GetDirectoryName(RefPath)!);
        return new RefUpdate.Updated(newId);
    }

    public string LockPath => RefPath + ".lock";

    /// <summary>At start-up: removes the ref's lock file when a crashed writer left it (see <see cref="RefLock"/>).</summary>
    public void RecoverStaleLock() => RefLock.RecoverAtStartup(LockPath, _staleAfter, _logger);

    private string? ReadLoose()
    {
        string text;
        try
        {
            text = File.ReadAllText(RefPath, Encoding.ASCII).Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        if (text.StartsWith("ref:", StringComparison.Ordinal))
            throw new InvalidOperationException($"{refName} is a symbolic ref ({text}); expected a branch");
        return text.Length == 0 ? null : text;
    }

    private string? ReadPacked()
    {
        var packed = Path.Combine(gitDirectory, "packed-refs");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(packed, Encoding.UTF8);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] is '#' or '^') continue;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line.AsSpan(space + 1).SequenceEqual(refName)) return line[..space];
        }
        return null;
    }

    private void AppendReflog(string? oldId, string newId, ReflogIdentity who, string message)
    {
        var logPath = Path.Combine(gitDirectory, "logs", refName.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var offset = who.When.Offset;
        var zone = $"{(offset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}";
        var line = $"{oldId ?? new string('0', newId.Length)} {newId} {Clean(who.Name)} <{Clean(who.Email)}> {who.When.ToUnixTimeSeconds()} {zone}\t{Clean(message)}\n";
        File.AppendAllText(logPath, line, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static string Clean(string value) => value.ReplaceLineEndings(" ").Replace('<', ' ').Replace('>', ' ').Trim();
}

/// <summary>Who moved a ref, for the reflog line.</summary>
public sealed record ReflogIdentity(string Name, string Email, DateTimeOffset When);

/// <summary>The outcome of <see cref="RefCompareAndSwap.TryUpdate"/>.</summary>
public abstract record RefUpdate
{
    private RefUpdate() { }

    public sealed record Updated(string Id) : RefUpdate;

    /// <summary>The ref was not at the expected value; <paramref name="Current"/> is what it points at.</summary>
    public sealed record Moved(string? Current) : RefUpdate;

    /// <summary>Another writer held the ref lock for too long; treat as moved.</summary>
    public sealed record Contended(string? Current) : RefUpdate;
}
