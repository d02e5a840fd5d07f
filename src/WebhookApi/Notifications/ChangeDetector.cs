using GitOps.HotReload.Notifications;
using GitOps.Reconciler.Secrets;

namespace GitOps.WebhookApi.Notifications;

/// <summary>Turns one reconcile report into the notifications it calls for, against what was published before (pure).</summary>
/// <remarks>
/// One event per plugin whose (applied hash, outcome) differs from the last one published; a plugin that left the
/// report or whose applied hash became null is announced once as removed. A plugin's outcome is <c>Failed</c> when the pass
/// failed or its desired state could not be applied, <c>Degraded</c> when it is applied but something about it (or the
/// pass) is not in step, else <c>Succeeded</c>: so a pass outcome transition (Succeeded → Failed and back) reaches every
/// plugin's topic. A no-op pass (same hashes, same outcome) yields nothing.
/// </remarks>
internal static class ChangeDetector
{
    public const string Succeeded = nameof(ReconcileOutcome.Succeeded);
    public const string Degraded = nameof(ReconcileOutcome.Degraded);
    public const string Failed = nameof(ReconcileOutcome.Failed);

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>A change to announce, and the state to remember once it is announced.</summary>
    internal sealed record Change(ChangeNotification Notification, PublishedPlugin? After);

    /// <summary>What the detector needs of a pass (kept apart from <see cref="ReconcileReport"/>'s shape on purpose).</summary>
    internal sealed record Pass(ReconcileOutcome Outcome, string Commit, ImmutableArray<PluginPass> Plugins)
    {
        public static Pass From(ReconcileReport report) => new(report.Outcome, report.AppliedHead ?? report.AttemptedHead ?? "",
            [.. report.Plugins.Select(p => new PluginPass(p.Name, p.DesiredHash, p.RunningHash, p.Error is not null))]);
    }

    /// <param name="Failing">A target of the plugin (running plugin or ConfigMap) could not be brought in step.</param>
    internal sealed record PluginPass(string Name, string? DesiredHash, string? RunningHash, bool Failing);

    /// <param name="snapshot">The store's current snapshot: files and source hashes are taken from it for plugins whose
    /// applied hash it holds.</param>
    public static ImmutableArray<Change> Detect(Pass report, PublishedState before, ConfigSnapshot snapshot,
        bool includeFiles, DateTimeOffset now, Func<string> newId)
    {
        var changes = ImmutableArray.CreateBuilder<Change>();
        var commit = report.Commit;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in report.Plugins)
        {
            seen.Add(plugin.Name);
            var old = before.Plugins.GetValueOrDefault(plugin.Name);
            if (plugin.RunningHash is null && plugin.DesiredHash is null)
            {
                if (old is not null) changes.Add(Removed(plugin.Name, old, commit, now, newId));
                continue;
            }
            var outcome = OutcomeOf(report, plugin);
            if (old is not null && old.Hash == plugin.RunningHash && old.Outcome == outcome) continue;
            var applied = plugin.RunningHash is { } hash && snapshot.FindPlugin(plugin.Name) is { } p && p.Hash == hash ? p : null;
            var sources = applied is null
                ? old?.Hash == plugin.RunningHash ? old?.Sources ?? Empty : Empty
                : applied.SourceHashes.ToImmutableSortedDictionary(StringComparer.Ordinal);
            var changed = sources.Where(s => old is null || old.Sources.GetValueOrDefault(s.Key) != s.Value).Select(s => s.Key)
                .Concat(old?.Sources.Keys.Where(k => !sources.ContainsKey(k)) ?? [])
                .Order(StringComparer.Ordinal).ToImmutableArray();
            var notification = new ChangeNotification(newId(), plugin.Name, commit, plugin.RunningHash, old?.Hash, changed, outcome, now,
                includeFiles && applied is not null ? FilesOf(applied) : null);
            changes.Add(new Change(notification, new PublishedPlugin(plugin.RunningHash, outcome, sources)));
        }
        // A failed pass reports the previous pass's plugins; anything else missing from the report is gone.
        if (report.Outcome != ReconcileOutcome.Failed)
            foreach (var (name, old) in before.Plugins)
                if (!seen.Contains(name)) changes.Add(Removed(name, old, commit, now, newId));
        return changes.ToImmutable();
    }

    public static string OutcomeOf(Pass report, PluginPass plugin) =>
        report.Outcome == ReconcileOutcome.Failed || (plugin.Failing && plugin.RunningHash != plugin.DesiredHash) ? Failed
        : plugin.Failing || report.Outcome == ReconcileOutcome.Degraded ? Degraded
        : Succeeded;

    /// <summary>The plugin's text files; never secrets.yaml (ciphertext, but secret material all the same) nor binary files.</summary>
    public static ImmutableSortedDictionary<string, string> FilesOf(PluginSnapshot plugin)
    {
        var files = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, content) in plugin.Files)
        {
            if (name == SecretsFile.FileName) continue;
            try
            {
                files[name] = StrictUtf8.GetString(content.Span);
            }
            catch (DecoderFallbackException)
            {
                // Binary content has no text form here; consumers off Kubernetes read such files from git.
            }
        }
        return files.ToImmutable();
    }

    private static readonly ImmutableSortedDictionary<string, string> Empty = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    private static Change Removed(string name, PublishedPlugin old, string commit, DateTimeOffset now, Func<string> newId) =>
        new(new ChangeNotification(newId(), name, commit, null, old.Hash, [.. old.Sources.Keys], Succeeded, now, null), null);
}
