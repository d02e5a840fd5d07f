using System.Collections.Concurrent;
using GitOps.Reconciler.Secrets;

namespace GitOps.WebhookApi.Secrets;

/// <summary>One secret as the API lists it: never the value.</summary>
/// <param name="KeyId">The envelope's key id; null for an age value (not yet rotated into an envelope).</param>
/// <param name="LastCommit">The commit that wrote the current value, when it is within the last <see cref="SecretInventory.HistoryDepth"/> commits of the plugin.</param>
internal sealed record SecretEntry(string Name, string Format, string? KeyId, string? LastCommit, DateTimeOffset? LastChangedAt, string? LastChangedBy);

/// <summary>How many values each key id protects (status), with age values and values naming unknown keys apart.</summary>
internal sealed record KeyUsage(string Id, int Values, bool Newest);

internal sealed record SecretsStatus(string NewestKeyId, string Recipient, ImmutableArray<KeyUsage> Keys, int AgeValues, ImmutableDictionary<string, int> UnknownKeyValues);

/// <summary>Read views of secrets: per-plugin lists (with the commit that wrote each value) and key usage across the snapshot.</summary>
internal sealed class SecretInventory(GitConfigStore store, SecretCipher cipher)
{
    public const int HistoryDepth = 100;
    private readonly ConcurrentDictionary<(string Head, string Plugin), ImmutableDictionary<string, HistoryEntry>> _lastCommits = new();

    public ImmutableArray<SecretEntry> List(ConfigSnapshot snapshot, PluginSnapshot plugin)
    {
        var commits = _lastCommits.GetOrAdd((snapshot.Head, plugin.Name), _ => LastCommits(plugin));
        if (_lastCommits.Count > 256) _lastCommits.Clear();
        return [.. plugin.Secrets.Secrets.Values.Select(s =>
        {
            var commit = commits.GetValueOrDefault(s.Name);
            return new SecretEntry(s.Name, s.Format == SecretFormat.Age ? "age" : "envelope", s.KeyId, commit?.Sha, commit?.Time, commit?.AuthorName);
        })];
    }

    public SecretsStatus Status(ConfigSnapshot snapshot)
    {
        var all = snapshot.Plugins.Values.SelectMany(p => p.Secrets.Secrets.Values).ToList();
        var byKey = all.Where(s => s.KeyId is not null).GroupBy(s => s.KeyId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keys = cipher.Ring.Keys.Reverse().Select(k => new KeyUsage(k.Id, byKey.GetValueOrDefault(k.Id), k == cipher.Ring.Newest));
        var unknown = byKey.Where(p => cipher.Ring.Find(p.Key) is null).ToImmutableDictionary(StringComparer.Ordinal);
        return new SecretsStatus(cipher.Ring.Newest.Id, cipher.Recipient.ToString(), [.. keys], all.Count(s => s.Format == SecretFormat.Age), unknown);
    }

    /// <summary>Walks the plugin's history newest first: a value's last commit is the oldest commit of the newest run of
    /// commits in which it had its current (encrypted) value.</summary>
    private ImmutableDictionary<string, HistoryEntry> LastCommits(PluginSnapshot plugin)
    {
        var result = new Dictionary<string, HistoryEntry>(StringComparer.Ordinal);
        var open = plugin.Secrets.Secrets.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        foreach (var entry in store.History(new HistoryQuery(plugin.Name, Limit: HistoryDepth)))
        {
            if (open.Count == 0) break;
            var at = store.ReadAt(entry.Sha) is SnapshotResult.Valid valid ? valid.Snapshot.FindPlugin(plugin.Name)?.Secrets : null;
            foreach (var (name, value) in open.ToList())
            {
                if (at?.Find(name)?.Value == value) result[name] = entry;
                else open.Remove(name);
            }
        }
        return result.ToImmutableDictionary(StringComparer.Ordinal);
    }
}
