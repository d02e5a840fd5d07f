using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Planning;

/// <summary>A <see cref="Plan"/> as Markdown: the pull request comment's plan section (GitHub-flavoured tables).</summary>
public static class PlanMarkdown
{
    private const int MaxRows = 100;
    private const int MaxValueLength = 80;

    /// <param name="shown">Errors the surrounding text lists already (a pull request's validation errors); not repeated.</param>
    public static string Render(Plan plan, IReadOnlyCollection<ValidationError>? shown = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder().AppendLine("### Plan").AppendLine();
        var s = plan.Summary;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Against `{Short(plan.Base)}`: {Count(s.Plugins, "plugin")} changed; sources {s.SourcesAdded} added, {s.SourcesRemoved} removed, {s.SourcesChanged} changed; entities {Counts(new EntityCounts(s.EntitiesBefore, s.EntitiesAfter))}.").AppendLine();
        var rows = 0;
        foreach (var plugin in plan.Plugins)
        {
            if (rows >= MaxRows)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"… and {plan.Plugins.Length - plan.Plugins.IndexOf(plugin)} more plugins.").AppendLine();
                break;
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"#### `{plugin.Plugin}`: {Kind(plugin.Change)}, entities {Counts(plugin.Entities)}").AppendLine();
            if (plugin.Sources.Length > 0)
            {
                text.AppendLine("| source | change | what changed | entities |").AppendLine("|---|---|---|---|");
                foreach (var source in plugin.Sources.Take(MaxRows))
                    text.AppendLine(CultureInfo.InvariantCulture, $"| `{source.Id}` | {Kind(source.Change)} | {What(source)} | {Counts(source.Entities)} |");
                text.AppendLine();
                rows += plugin.Sources.Length;
            }
            if (plugin.Config.Length > 0)
                text.AppendLine(CultureInfo.InvariantCulture, $"Config: {string.Join("; ", plugin.Config.Select(Field))}").AppendLine();
            if (plugin.ConfigMaps.Length > 0)
                text.AppendLine(CultureInfo.InvariantCulture, $"ConfigMap keys: {string.Join(", ", plugin.ConfigMaps.Take(MaxRows).Select(c => $"`{c.Name}/{c.Key}` {Kind(c.Change)}"))}").AppendLine();
            rows++;
        }
        if (plan.Plugins.IsEmpty) text.AppendLine("Nothing would change.").AppendLine();
        var errors = plan.Errors.Where(e => shown is null || !shown.Any(v => v.File == e.File && v.Line == e.Line && v.Column == e.Column && v.Message == e.Message)).ToList();
        if (errors.Count > 0)
        {
            text.AppendLine("| file | line | column | problem |").AppendLine("|---|---|---|---|");
            foreach (var e in errors.Take(MaxRows))
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{e.File}` | {e.Line} | {e.Column} | {Cell(e.Message)} |");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string What(SourcePlan source)
    {
        var parts = source.Fields.Select(Field).ToList();
        if (source.Files.Length > 0) parts.Add($"files {string.Join(", ", source.Files.Select(f => $"`{Cell(f)}`"))}");
        if (source.Secrets.Length > 0) parts.Add($"secrets {string.Join(", ", source.Secrets.Select(n => $"`{Cell(n)}`"))}");
        return parts.Count == 0 ? "" : string.Join("<br>", parts);
    }

    private static string Field(FieldChange field) => $"`{field.Path}`: {Value(field.Before)} → {Value(field.After)}";

    private static string Value(JsonNode? value)
    {
        if (value is null) return "(none)";
        var json = value.ToJsonString();
        if (json.Length > MaxValueLength) json = json[..(MaxValueLength - 1)] + "…";
        return $"`{Cell(json).Replace('`', '\'')}`";
    }

    private static string Counts(EntityCounts counts)
    {
        var before = counts.Before?.ToString(CultureInfo.InvariantCulture) ?? "n/a";
        var after = counts.After?.ToString(CultureInfo.InvariantCulture) ?? "n/a";
        return counts.Delta is { } d ? $"{before} → {after} ({d.ToString("+0;-0;±0", CultureInfo.InvariantCulture)})" : $"{before} → {after}";
    }

    private static string Kind(PlanChange change) => change.ToString().ToLowerInvariant();

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
