using LibGit2Sharp;

namespace GitOps.Reconciler.Git.Versions;

/// <summary>Reads one plugin folder at any commit and finds the draft branches that change it. Each read holds the
/// repository lock only while it reads objects.</summary>
internal sealed class PluginFolders(RepositoryHandle repository, TreeSnapshotReader reader)
{
    /// <summary>Draft branches: <c>refs/heads/drafts/&lt;id&gt;</c> (an abandoned draft moves to <c>archive/drafts/</c>).</summary>
    public const string DraftsPrefix = "refs/heads/drafts/";

    public PluginFolderAt At(string commitish, string plugin) => repository.Use<PluginFolderAt>(repo =>
    {
        if (GitConfigStore.FindCommit(repo, commitish) is not { } commit) return new PluginFolderAt.CommitNotFound();
        if (Folder(commit, plugin) is not { } folder) return new PluginFolderAt.PluginMissing(commit.Sha);
        var files = ImmutableSortedDictionary.CreateBuilder<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var entry in folder)
            if (entry.Target is Blob blob) files[entry.Name] = TreeSnapshotReader.ReadBlob(blob);
        return new PluginFolderAt.Found(commit.Sha, files.ToImmutable());
    });

    public ImmutableArray<DraftTouch> DraftsTouching(string plugin) => repository.Use(repo =>
    {
        var tracked = repository.Branch.Read() is { } head ? repo.Lookup<Commit>(head) : null;
        var drafts = ImmutableArray.CreateBuilder<DraftTouch>();
        foreach (var reference in repo.Refs.FromGlob(DraftsPrefix + "*"))
        {
            if (reference.ResolveToDirectReference()?.Target is not Commit draft) continue;
            var mergeBase = tracked is null ? null : repo.ObjectDatabase.FindMergeBase(tracked, draft);
            var before = mergeBase is null ? null : Folder(mergeBase, plugin);
            var after = Folder(draft, plugin);
            if (before?.Sha == after?.Sha) continue;
            drafts.Add(new DraftTouch(reference.CanonicalName[DraftsPrefix.Length..], draft.Sha, draft.Author.When, draft.Author.Name,
                draft.MessageShort, ChangedSources(plugin, before, after)));
        }
        return drafts.OrderByDescending(d => d.Time).ThenBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
    });

    private ImmutableArray<string> ChangedSources(string plugin, Tree? before, Tree? after)
    {
        var old = Hashes(plugin, before);
        var now = Hashes(plugin, after);
        return [.. old.Keys.Union(now.Keys, StringComparer.Ordinal)
            .Where(id => old.GetValueOrDefault(id) != now.GetValueOrDefault(id))
            .Order(StringComparer.Ordinal)];
    }

    private ImmutableDictionary<string, string> Hashes(string plugin, Tree? folder) =>
        folder is not null && reader.ReadPlugin(plugin, folder) is PluginResult.Valid valid ? valid.Plugin.SourceHashes : ImmutableDictionary<string, string>.Empty;

    private static Tree? Folder(Commit commit, string plugin) =>
        commit.Tree[$"{SnapshotBuilder.PluginsFolder}/{plugin}"] is { TargetType: TreeEntryTargetType.Tree } entry ? (Tree)entry.Target : null;
}
