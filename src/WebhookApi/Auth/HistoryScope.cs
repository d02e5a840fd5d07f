namespace GitOps.WebhookApi.Auth;

/// <summary>History as a caller may see it: commits touching at least one plugin in scope, with what they changed cut to
/// those plugins. A commit that touches no plugin (settings, keys) is shown only to callers who see every plugin.</summary>
internal static class HistoryScope
{
    public static HistoryEntry? Restrict(this PluginScope scope, HistoryEntry entry)
    {
        if (scope.SeesEverything) return entry;
        var plugins = entry.ChangedPlugins.Where(scope.Sees).ToArray();
        if (plugins.Length == 0) return null;
        return entry with { ChangedPlugins = [.. plugins], ChangedSources = [.. entry.ChangedSources.Where(s => scope.Sees(s.Plugin))] };
    }

    public static CommitDetails? Restrict(this PluginScope scope, CommitDetails details)
    {
        if (scope.SeesEverything) return details;
        if (scope.Restrict(details.Entry) is not { } entry) return null;
        var prefix = SnapshotBuilder.PluginsFolder + "/";
        return details with
        {
            Entry = entry,
            Files = [.. details.Files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal) && scope.Sees(f.Path[prefix.Length..].Split('/')[0]))],
        };
    }
}
