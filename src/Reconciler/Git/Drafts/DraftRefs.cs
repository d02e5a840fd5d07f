using System.Text.Json;
using System.Text.Json.Serialization;
using LibGit2Sharp;

namespace GitOps.Reconciler.Git.Drafts;

/// <summary>Where drafts live in git, and their metadata: the branch <c>refs/heads/drafts/&lt;id&gt;</c> (renamed to
/// <c>refs/heads/archive/drafts/&lt;id&gt;</c> when abandoned), and <c>refs/gitops/drafts/&lt;id&gt;</c>, a chain of commits
/// whose tree holds <c>draft.json</c> (<see cref="DraftRecord"/>). Every ref moves by compare-and-swap
/// (<see cref="RefCompareAndSwap"/>), so another process writing the same repository never loses an update.</summary>
/// <remarks>Call everything inside <see cref="RepositoryHandle.Use{T}"/>.</remarks>
internal sealed class DraftRefs(string gitDirectory, TimeSpan staleLockAfter)
{
    public const string MetadataNamespace = "refs/gitops/drafts/";
    private const string MetadataFile = "draft.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Branch(string id) => $"drafts/{id}";

    public static string ArchiveBranch(string id) => $"archive/drafts/{id}";

    public static string BranchRef(string id) => $"refs/heads/{Branch(id)}";

    public static string ArchiveRef(string id) => $"refs/heads/{ArchiveBranch(id)}";

    public static string MetadataRef(string id) => MetadataNamespace + id;

    public RefCompareAndSwap Ref(string refName) => new(gitDirectory, refName, staleLockAfter);

    /// <summary>The draft's metadata and the metadata commit it was read from; null when there is no such draft.</summary>
    public StoredDraft? Read(Repository repo, string id)
    {
        var commitId = Ref(MetadataRef(id)).Read();
        if (commitId is null || repo.Lookup<Commit>(commitId) is not { } commit) return null;
        if (commit.Tree[MetadataFile]?.Target is not Blob blob) return null;
        var record = JsonSerializer.Deserialize<DraftRecord>(TreeSnapshotReader.ReadBlob(blob), Json)
            ?? throw new InvalidDataException($"{MetadataRef(id)} at {commitId}: {MetadataFile} is JSON null");
        return new StoredDraft(record, commitId);
    }

    /// <summary>The ids of every draft (any state).</summary>
    public ImmutableArray<string> Ids(Repository repo) =>
        [.. repo.Refs.FromGlob(MetadataNamespace + "*").Select(r => r.CanonicalName[MetadataNamespace.Length..])];

    /// <summary>Writes <paramref name="record"/> as a new metadata commit on top of <paramref name="previous"/> (null: the
    /// draft is new) and moves the ref there, if it still points at <paramref name="previous"/>. False when it moved.</summary>
    public bool TryWrite(Repository repo, string? previous, DraftRecord record, string message, DraftPerson who, DateTimeOffset when)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        using var stream = new MemoryStream(content, writable: false);
        var definition = new TreeDefinition();
        definition.Add(MetadataFile, repo.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
        var tree = repo.ObjectDatabase.CreateTree(definition);
        var signature = new Signature(who.Name, who.Email, when);
        Commit[] parents = previous is null ? [] : [repo.Lookup<Commit>(previous)];
        var commit = repo.ObjectDatabase.CreateCommit(signature, signature, message + "\n", tree, parents, prettifyMessage: false);
        LibGit2Durability.FlushObjects(gitDirectory);
        return Ref(MetadataRef(record.Id)).TryUpdate(previous, commit.Sha, new ReflogIdentity(who.Name, who.Email, when), message) is RefUpdate.Updated;
    }

    /// <summary>The draft's head: its branch (the archive branch once abandoned), else the head recorded when it closed.</summary>
    public string? Head(DraftRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (first, second) = record.State == DraftState.Abandoned
            ? (ArchiveRef(record.Id), BranchRef(record.Id))
            : (BranchRef(record.Id), ArchiveRef(record.Id));
        return Ref(first).Read() ?? record.ClosedHead ?? Ref(second).Read();
    }
}

/// <summary>A draft's metadata and the commit of <c>refs/gitops/drafts/&lt;id&gt;</c> it was read from (for compare-and-swap).</summary>
internal sealed record StoredDraft(DraftRecord Record, string MetadataCommit);
