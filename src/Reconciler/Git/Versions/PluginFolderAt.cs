namespace GitOps.Reconciler.Git.Versions;

/// <summary>A plugin folder as one commit holds it: its files, or why there are none.</summary>
public abstract record PluginFolderAt
{
    private PluginFolderAt() { }

    /// <param name="Sha">The full sha of the commit.</param>
    /// <param name="Files">File name (no folder) → content, as committed.</param>
    public sealed record Found(string Sha, ImmutableSortedDictionary<string, ReadOnlyMemory<byte>> Files) : PluginFolderAt;

    /// <summary>No such commit in the repository.</summary>
    public sealed record CommitNotFound : PluginFolderAt;

    /// <summary>The commit exists but has no folder for the plugin.</summary>
    public sealed record PluginMissing(string Sha) : PluginFolderAt;
}

/// <summary>A draft branch (<c>refs/heads/drafts/&lt;id&gt;</c>) whose change since its merge base with the tracked branch
/// touches a plugin folder.</summary>
/// <param name="Id">The branch name after <c>drafts/</c>.</param>
/// <param name="Head">The draft branch's head commit.</param>
/// <param name="Time">When its head was written (the author time).</param>
/// <param name="ChangedSources">The plugin's sources whose entry (or referenced files) the draft changes.</param>
public sealed record DraftTouch(string Id, string Head, DateTimeOffset Time, string AuthorName, string Summary, ImmutableArray<string> ChangedSources);
