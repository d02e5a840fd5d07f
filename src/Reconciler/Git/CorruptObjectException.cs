using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>An object the store needs is missing or damaged in the object database (corruption while stopped, a bad disk).
/// The message names the object id, where git keeps it as a loose object, and what to run.</summary>
internal sealed partial class CorruptObjectException : IOException
{
    public CorruptObjectException(string gitDirectory, string objectId, string what, Exception? inner)
        : base(Describe(gitDirectory, objectId, what, inner), inner)
    {
        ObjectId = objectId;
        ObjectPath = LoosePath(gitDirectory, objectId);
    }

    public string ObjectId { get; }

    /// <summary>Where the object lives as a loose object (it may instead be in a pack under objects/pack).</summary>
    public string ObjectPath { get; }

    public static string LoosePath(string gitDirectory, string objectId) =>
        objectId.Length > 2 ? Path.Combine(gitDirectory, "objects", objectId[..2], objectId[2..]) : Path.Combine(gitDirectory, "objects");

    /// <summary>The 40-hex object id libgit2 names in its error message ("no match for id (…)"), when it names one.</summary>
    public static string? IdIn(string message) => ObjectIdPattern().Match(message) is { Success: true } m ? m.Value : null;

    /// <summary>Runs <paramref name="read"/>; a libgit2 read error becomes a <see cref="CorruptObjectException"/> naming
    /// <paramref name="objectId"/> (or the id in libgit2's message).</summary>
    public static T Guard<T>(string gitDirectory, string objectId, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is LibGit2SharpException or InvalidDataException && ex is not CorruptObjectException)
        {
            throw new CorruptObjectException(gitDirectory, IdIn(ex.Message) ?? objectId, what, ex);
        }
    }

    private static string Describe(string gitDirectory, string objectId, string what, Exception? inner) =>
        $"object {objectId} ({what}) is missing or corrupt in the config repository; as a loose object it is " +
        $"{LoosePath(gitDirectory, objectId)}{(inner is null ? "" : $" ({inner.Message.Trim()})")}. " +
        $"Run `git -C {gitDirectory} fsck --full` to list the damage, then restore the data directory from a backup " +
        $"(or re-clone it from the remote), or point the branch at an intact commit with `git -C {gitDirectory} update-ref`";

    [GeneratedRegex("(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])")]
    private static partial Regex ObjectIdPattern();
}
