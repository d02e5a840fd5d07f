using GitOps.Reconciler.Git.Versions;

namespace GitOps.Reconciler.Git;

/// <summary>Versions of one plugin folder (issue 18): the commits that changed it, the one a given head holds, the folder
/// at any commit (for a rollback), and the draft branches that change it.</summary>
public sealed partial class GitConfigStore
{
    private PluginFolders? _folders;

    private PluginFolders Folders => _folders ??= new PluginFolders(_repository, _reader);

    /// <summary>A page of the commits that changed the plugin's folder, newest first, after the cursor commit
    /// <paramref name="after"/> (null: from the head); the same walk and filter as <see cref="History"/>.</summary>
    public HistoryPage PluginVersions(string plugin, int limit, string? after) =>
        _history.List(new HistoryQuery(plugin, Limit: limit, After: after));

    /// <summary>The newest commit at or before <paramref name="head"/> that changed the plugin's folder: the version that head
    /// holds; null when none did (or <paramref name="head"/> is unknown).</summary>
    public string? PluginVersionAt(string plugin, string head) =>
        HasCommit(head) ? _history.List(new HistoryQuery(plugin, Limit: 1, From: head)).Entries.FirstOrDefault()?.Sha : null;

    /// <summary>The plugin's folder as commit <paramref name="commitish"/> holds it.</summary>
    public PluginFolderAt PluginFolderAt(string commitish, string plugin) => Folders.At(commitish, plugin);

    /// <summary>The draft branches whose change since their merge base with the tracked branch touches the plugin folder,
    /// newest head first.</summary>
    public ImmutableArray<DraftTouch> DraftsTouching(string plugin) => Folders.DraftsTouching(plugin);
}
