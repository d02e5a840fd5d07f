using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Planning;

/// <summary>Puts a <see cref="Plan"/> together from its two sides: the structure (which plugins, sources, fields, files and
/// ConfigMap keys changed) is a pure comparison; only the sources of changed plugins are counted (<see cref="SourceCounts"/>),
/// unchanged plugins cost a hash comparison.</summary>
internal sealed class PlanBuilder(SourceCounts counts, string configMapPrefix)
{
    /// <param name="visible">Whether the caller may see a plugin; plugins and errors outside are left out.</param>
    public async Task<Plan> BuildAsync(PlanSides sides, Func<string, bool> visible, CancellationToken cancellationToken)
    {
        var before = sides.Before.Snapshot;
        var after = sides.After.Snapshot;
        var errors = new List<PlanError>(sides.After.Errors
            .Where(e => PluginOf(e) is not { } plugin || visible(plugin))
            .Select(e => new PlanError(e.File, e.Line, e.Column, e.Field, e.Message)));
        var invalid = sides.After.Errors.Select(PluginOf).OfType<string>().Where(p => !after.Plugins.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
        var plugins = new List<PluginPlan>();
        foreach (var name in before.Plugins.Keys.Union(after.Plugins.Keys).Union(invalid).Where(visible).Order(StringComparer.Ordinal))
        {
            var old = before.FindPlugin(name);
            var @new = after.FindPlugin(name);
            if (old is not null && @new is not null && old.Hash == @new.Hash) continue;
            plugins.Add(@new is null && invalid.Contains(name)
                ? new PluginPlan(name, old is null ? PlanChange.Added : PlanChange.Changed, [], new EntityCounts(await TotalAsync(old, cancellationToken), null), [], [])
                : await PluginAsync(name, old, @new, errors, cancellationToken));
        }
        var sorted = errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToImmutableArray();
        return new Plan(sides.Base, sides.Head, sides.After.IsValid, sorted, [.. plugins], PlanSummary.Of(plugins));
    }

    private async Task<PluginPlan> PluginAsync(string name, PluginSnapshot? before, PluginSnapshot? after, List<PlanError> errors, CancellationToken cancellationToken)
    {
        var sources = ImmutableArray.CreateBuilder<SourcePlan>();
        int? totalBefore = 0, totalAfter = 0;
        var ids = (before?.Sources ?? []).Concat(after?.Sources ?? []).Select(s => s.Id).Distinct(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var old = before?.FindSource(id);
            var @new = after?.FindSource(id);
            if (old is not null && @new is not null && before!.SourceHashes[id] == after!.SourceHashes[id])
            {
                var same = await counts.CountAsync(after, @new, null, cancellationToken);
                (totalBefore, totalAfter) = (totalBefore + same, totalAfter + same);
                continue;
            }
            var entities = new EntityCounts(
                old is null ? 0 : await counts.CountAsync(before!, old, null, cancellationToken),
                @new is null ? 0 : await counts.CountAsync(after!, @new, errors, cancellationToken));
            (totalBefore, totalAfter) = (totalBefore + entities.Before, totalAfter + entities.After);
            sources.Add(old is null || @new is null
                ? new SourcePlan(id, old is null ? PlanChange.Added : PlanChange.Removed, [], [], [], entities)
                : new SourcePlan(id, PlanChange.Changed, FieldDiff.Of(old, @new), ChangedFiles(before!, old, after!, @new), ChangedSecrets(before!, old, after!, @new), entities));
        }
        var change = before is null ? PlanChange.Added : after is null ? PlanChange.Removed : PlanChange.Changed;
        var config = before is not null && after is not null ? FieldDiff.OfConfig(before.Config, after.Config) : [];
        var configMaps = ConfigMapDiff.Of(before, after, configMapPrefix, errors);
        return new PluginPlan(name, change, sources.ToImmutable(), new EntityCounts(totalBefore, totalAfter), configMaps, config);
    }

    /// <summary>Every source of a plugin counted (an invalid plugin's other side); 0 when there is no plugin.</summary>
    private async Task<int?> TotalAsync(PluginSnapshot? plugin, CancellationToken cancellationToken)
    {
        int? total = 0;
        foreach (var source in plugin?.Sources ?? [])
            total += await counts.CountAsync(plugin!, source, null, cancellationToken);
        return total;
    }

    /// <summary>Files either side of the source refers to whose content differs between the sides.</summary>
    private static ImmutableArray<string> ChangedFiles(PluginSnapshot before, SourceConfig old, PluginSnapshot after, SourceConfig @new) =>
        [.. old.ReferencedFiles.Union(@new.ReferencedFiles, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(f => !Same(before.Files, after.Files, f))];

    /// <summary>Secrets either side of the source refers to whose stored (encrypted) value differs; values are never shown.</summary>
    private static ImmutableArray<string> ChangedSecrets(PluginSnapshot before, SourceConfig old, PluginSnapshot after, SourceConfig @new) =>
        [.. SecretReferences.Of(old).Union(SecretReferences.Of(@new), StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(s => before.Secrets.Find(s)?.Value != after.Secrets.Find(s)?.Value)];

    private static bool Same(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> a, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> b, string file) =>
        a.TryGetValue(file, out var x) == b.TryGetValue(file, out var y) && x.Span.SequenceEqual(y.Span);

    /// <summary>The plugin an error belongs to: <c>plugins/&lt;name&gt;/…</c>, or the folder itself for an error about its name;
    /// null for an error not bound to one plugin (a stray file under <c>plugins/</c>).</summary>
    internal static string? PluginOf(ValidationError error)
    {
        var parts = error.File.Split('/');
        if (parts.Length < 2 || parts[0] != SnapshotBuilder.PluginsFolder) return null;
        return parts.Length >= 3 || error.Field == "plugin" ? parts[1] : null;
    }
}
