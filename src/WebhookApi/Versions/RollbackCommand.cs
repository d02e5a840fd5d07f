using System.Text.RegularExpressions;
using GitOps.Reconciler.Git.Versions;
using GitOps.WebhookApi.Plugins;

namespace GitOps.WebhookApi.Versions;

/// <summary>The rollback of one plugin folder to its state at a commit, as a command run through <see cref="Mutations"/>
/// (If-Match, grants, audit, reconcile and push like any change).</summary>
internal static partial class RollbackCommand
{
    public const string Trailer = "Rolled-Back-To";

    /// <summary>Checks the target commit and the plugin at it (404 / 422 before anything runs), then the change: one commit
    /// whose plugin folder equals the folder at <paramref name="to"/> (files added, removed and changed), nothing else.</summary>
    /// <param name="target">The full sha of <paramref name="to"/> when it names a commit.</param>
    public static Command Create(GitConfigStore store, string plugin, string? to, out string target)
    {
        target = to ?? "";
        if (string.IsNullOrWhiteSpace(to)) return Command.Refuse(Problems.BadRequest("'to' is required: the sha of the commit to roll the plugin back to"));
        if (!CommitId().IsMatch(to)) return Command.Refuse(Problems.BadRequest($"'to' must be a commit sha (4 to 40 hex characters); got '{Shown(to)}'"));
        var folder = store.PluginFolderAt(to, plugin);
        target = folder switch { PluginFolderAt.Found f => f.Sha, PluginFolderAt.PluginMissing m => m.Sha, _ => target };
        return folder switch
        {
            PluginFolderAt.CommitNotFound => Command.Refuse(VersionProblems.UnknownCommit(to)),
            PluginFolderAt.PluginMissing missing => Command.Refuse(VersionProblems.PluginMissing(plugin, missing.Sha)),
            PluginFolderAt.Found found => Restore(plugin, found),
            _ => throw new InvalidOperationException("unmapped plugin folder lookup"),
        };
    }

    private static Change Restore(string plugin, PluginFolderAt.Found target) =>
        new("plugin.rollback", plugin, "", $"{plugin}: roll back to {target.Sha[..7]}", (store, request, ct) =>
            store.MutateAsync(request with { Edit = snapshot => Edit(snapshot, plugin, target.Files), Trailers = [new CommitTrailer(Trailer, target.Sha)] }, ct));

    /// <summary>The file changes that make the plugin's folder at the snapshot equal <paramref name="target"/>; none when it already is.</summary>
    internal static EditResult Edit(ConfigSnapshot snapshot, string plugin, ImmutableSortedDictionary<string, ReadOnlyMemory<byte>> target)
    {
        var current = snapshot.FindPlugin(plugin)?.Files ?? ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>.Empty;
        var changes = ImmutableDictionary.CreateBuilder<string, ReadOnlyMemory<byte>?>(StringComparer.Ordinal);
        foreach (var (name, content) in target)
            if (!current.TryGetValue(name, out var now) || !now.Span.SequenceEqual(content.Span)) changes[PluginEdits.FilePath(plugin, name)] = content;
        foreach (var name in current.Keys.Where(name => !target.ContainsKey(name)))
            changes[PluginEdits.FilePath(plugin, name)] = (ReadOnlyMemory<byte>?)null; // spelled out: a bare null would empty the file
        return new EditResult.Changes(changes.ToImmutable());
    }

    private static string Shown(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex("^[0-9a-fA-F]{4,40}$")]
    private static partial Regex CommitId();
}
