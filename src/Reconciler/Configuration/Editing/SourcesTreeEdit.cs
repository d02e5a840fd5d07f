using GitOps.Reconciler.Configuration.Yaml;
using YamlDotNet.Core;

namespace GitOps.Reconciler.Configuration.Editing;

/// <summary>One edit of a sources.yaml tree: compares the file's nodes with the wanted config and sources and records the
/// splices that turn one into the other (<see cref="SourcesYamlEditor"/>).</summary>
internal sealed class SourcesTreeEdit(YamlText file, MappingNode root, bool kubeflow)
{
    private static readonly object Absent = new();
    private static readonly string[] KubeflowConfigKeys = ["labels", "namedQueries"];

    private readonly YamlValueWriter _writer = new(file);

    private string[] Sections => kubeflow
        ? [KubeflowFormat.ModelSection, KubeflowFormat.DeprecatedSection, KubeflowFormat.McpSection]
        : ["sources"];

    public void Apply(IReadOnlyDictionary<string, object?> config, IReadOnlyList<SourceConfig> sources)
    {
        var wanted = sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections)
        {
            if (root.Find(section) is not SequenceNode { Flow: false } list) continue;
            var kept = list.Items.Count;
            var removals = new List<MappingNode>();
            foreach (var item in list.Items.OfType<MappingNode>())
            {
                var id = item.Find("id") is ScalarNode s ? s.Value : "";
                if (wanted.TryGetValue(id, out var source) && seen.Add(id))
                    EditFields(item, Fields(source, section), section);
                else
                    removals.Add(item);
            }
            kept -= removals.Count;
            var adding = sources.Any(s => !seen.Contains(s.Id) && TargetSection(s) == section);
            if (kept == 0 && removals.Count > 0 && !adding)
                ReplaceEntry(root.FindKey(section)!, list, Array.Empty<object?>(), flowLists: true);
            else
                foreach (var item in removals) RemoveItem(item);
        }

        foreach (var group in sources.Where(s => !seen.Contains(s.Id)).GroupBy(TargetSection))
            AppendItems(group.Key, [.. group]);

        if (kubeflow) EditKubeflowConfig(config);
        else EditField(root, "config", config, FreeForm.EmptyMap, insertAfter: root.FindKey("plugin") ?? root.FindKey("apiVersion"));
    }

    private string TargetSection(SourceConfig source)
    {
        if (!kubeflow) return "sources";
        if (source.Section is { } section && KubeflowFormat.IsSection(section)) return section;
        if (source.AssetType == KubeflowFormat.McpServers) return KubeflowFormat.McpSection;
        // A file still on the deprecated field keeps using it rather than growing a second model list.
        return root.FindKey(KubeflowFormat.ModelSection) is null && root.FindKey(KubeflowFormat.DeprecatedSection) is not null
            ? KubeflowFormat.DeprecatedSection
            : KubeflowFormat.ModelSection;
    }

    /// <summary>The fields of a source in file terms: key, wanted value, and the value an absent key stands for.</summary>
    private List<(string Key, object? Value, object? Default)> Fields(SourceConfig source, string section)
    {
        var (include, exclude) = kubeflow ? KubeflowFormat.FilterKeys(section) : ("include", "exclude");
        var fields = new List<(string, object?, object?)>
        {
            ("id", source.Id, Absent),
            ("name", source.Name, Absent),
            ("type", source.Type, Absent),
            ("enabled", source.Enabled, true),
            ("labels", List(source.Labels), Array.Empty<object?>()),
            ("properties", source.Properties, FreeForm.EmptyMap),
            (include, List(source.Include), Array.Empty<object?>()),
            (exclude, List(source.Exclude), Array.Empty<object?>()),
        };
        if (kubeflow) fields.Add(("assetType", source.AssetType, null));
        return fields;
    }

    private static List<object?> List(System.Collections.Immutable.ImmutableArray<string> items) => items.IsDefault ? [] : [.. items];

    private void EditFields(MappingNode item, List<(string Key, object? Value, object? Default)> fields, string section)
    {
        foreach (var (key, value, @default) in fields)
            EditField(item, key, value, @default, hints: section);
    }

    /// <summary>Makes <paramref name="map"/>'s entry <paramref name="key"/> hold <paramref name="value"/>, touching nothing
    /// when it already does. <paramref name="default"/> is what an absent key means (<see cref="Absent"/>: nothing).</summary>
    private void EditField(MappingNode map, string key, object? value, object? @default, string? hints = null, ScalarNode? insertAfter = null)
    {
        var keyNode = map.FindKey(key);
        if (keyNode is not null)
        {
            var node = map.Find(key)!;
            var before = ScalarResolver.ToPlain(node);
            if (Same(before, value) || (before is null && IsEmpty(value))) return; // `labels:` left empty means none
            if (IsEmpty(value) && !ReferenceEquals(@default, Absent) && key != "enabled")
                RemoveEntry(keyNode, node);
            else
                ReplaceValue(keyNode, node, value);
            return;
        }
        if (ReferenceEquals(@default, Absent) ? false : Same(@default, value) || IsEmpty(value)) return;
        var (flow, style) = Hint(hints, key);
        InsertEntry(map, YamlValueWriter.Key(key), value, flow, style, insertAfter);
    }

    private void ReplaceValue(ScalarNode key, YamlNode node, object? value)
    {
        if (node is ScalarNode { Style: not (ScalarStyle.Literal or ScalarStyle.Folded) } scalar && !(scalar.Value.Length == 0 && scalar.Style == ScalarStyle.Plain)
            && value is not (System.Collections.IEnumerable and not string))
        {
            var style = scalar.Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted ? scalar.Style : ScalarStyle.Any;
            file.Splice((int)scalar.Start, (int)scalar.End, YamlValueWriter.Scalar(value, style));
            return;
        }
        if (node is MappingNode { Flow: false, Entries.Count: > 0 } map && value is IReadOnlyDictionary<string, object?> wanted && wanted.Count > 0)
        {
            foreach (var (k, v) in wanted) EditField(map, k, v, Absent);
            foreach (var (k, v) in map.Entries)
                if (!wanted.ContainsKey(k.Value)) RemoveEntry(k, v);
            return;
        }
        ReplaceEntry(key, node, value, flowLists: node is SequenceNode { Flow: true });
    }

    private void ReplaceEntry(ScalarNode key, YamlNode node, object? value, bool flowLists)
    {
        var keyText = file.Text[(int)key.Start..(int)key.End];
        var end = file.LineEnd(YamlText.EntryEnd(key, node));
        var onOwnLine = file.StartsLine((int)key.Start);
        var start = onOwnLine ? file.LineStart((int)key.Start) : (int)key.Start;
        file.Splice(start, end, Fit(end, _writer.Entry(keyText, value, file.Column(key), flowLists, firstLineIndented: onOwnLine)));
    }

    private void RemoveEntry(ScalarNode key, YamlNode node)
    {
        var end = file.LineEnd(YamlText.EntryEnd(key, node));
        file.Splice(file.StartsLine((int)key.Start) ? file.LineStart((int)key.Start) : (int)key.Start, end, "");
    }

    private void InsertEntry(MappingNode map, string key, object? value, bool flowLists, ScalarStyle style, ScalarNode? after)
    {
        int at, column;
        if (map.Entries.Count == 0 || map.Flow)
        {
            // Only the root can be empty here (a fresh file); nested empty maps are replaced whole by their parent.
            (at, column) = (file.Text.Length, 0);
        }
        else
        {
            var anchor = after is not null ? YamlText.EntryEnd(after, map.Find(after.Value)!) : YamlText.ContentEnd(map);
            (at, column) = (file.LineEnd(anchor), file.Column(map.Entries[0].Key));
        }
        file.Splice(at, at, Lead(at) + _writer.Entry(key, value, column, flowLists, style));
    }

    private void RemoveItem(MappingNode item)
    {
        var start = file.WithCommentsAbove(file.LineStart((int)item.Start));
        file.Splice(start, file.LineEnd(YamlText.ContentEnd(item)), "");
    }

    private void AppendItems(string section, List<SourceConfig> sources)
    {
        var template = Template(section);
        var node = root.Find(section);
        var key = root.FindKey(section);
        if (node is SequenceNode { Flow: false, Items.Count: > 0 } list)
        {
            var dash = file.DashColumn(list.Items[0]) ?? file.Column(key!) + file.SequenceIndent;
            var at = file.LineEnd(YamlText.ContentEnd(list));
            file.Splice(at, at, Lead(at) + string.Concat(sources.Select(s => Item(s, section, dash, template))));
            return;
        }
        var column = key is null ? 0 : file.Column(key);
        var block = YamlValueWriter.Key(section) + ":" + file.Newline
            + string.Concat(sources.Select(s => Item(s, section, column + file.SequenceIndent, template)));
        if (key is null)
        {
            // Earlier flow items of this section (rare) are rewritten with it; a missing section goes at the end.
            var at = file.Text.Length;
            file.Splice(at, at, Lead(at) + block);
            return;
        }
        var existing = node is SequenceNode flowList ? flowList.Items.OfType<MappingNode>().Select(i => file.Text[(int)i.Start..(int)i.End]).ToList() : [];
        var end = file.LineEnd(YamlText.EntryEnd(key, node!));
        var kept = existing.Count == 0 ? "" : string.Concat(existing.Select(e => new string(' ', column + file.SequenceIndent) + "- " + e + file.Newline));
        file.Splice(file.LineStart((int)key.Start), end, Fit(end, new string(' ', column) + YamlValueWriter.Key(section) + ":" + file.Newline + kept
            + string.Concat(sources.Select(s => Item(s, section, column + file.SequenceIndent, template)))));
    }

    /// <summary>One new sequence item in the style of <paramref name="template"/> (key order, quoting, list style).</summary>
    private string Item(SourceConfig source, string section, int dash, MappingNode? template)
    {
        var keyColumn = template is not null && file.DashColumn(template) is { } templateDash ? dash + (file.Column(template.Entries[0].Key) - templateDash) : dash + 2;
        var fields = Fields(source, section);
        var order = template?.Entries.Select(e => e.Key.Value).ToList() ?? [];
        var ordered = fields.OrderBy(f => order.IndexOf(f.Key) is var i && i < 0 ? int.MaxValue : i).ToList();
        var text = new System.Text.StringBuilder();
        foreach (var (key, value, @default) in ordered)
        {
            var inTemplate = template?.FindKey(key) is not null;
            if (!ReferenceEquals(@default, Absent) && (Same(@default, value) || IsEmpty(value)) && !(inTemplate && key == "enabled")) continue;
            var (flow, style) = Hint(section, key);
            var first = text.Length == 0;
            if (first) text.Append(' ', dash).Append('-').Append(' ', Math.Max(1, keyColumn - dash - 1));
            text.Append(_writer.Entry(YamlValueWriter.Key(key), value, keyColumn, flow, style, firstLineIndented: !first));
        }
        return text.ToString();
    }

    private MappingNode? Template(string section) =>
        (root.Find(section) as SequenceNode)?.Items.OfType<MappingNode>().FirstOrDefault()
        ?? Sections.Select(s => root.Find(s)).OfType<SequenceNode>().SelectMany(l => l.Items).OfType<MappingNode>().FirstOrDefault();

    /// <summary>How the file writes <paramref name="key"/> in sources of <paramref name="section"/>: flow or block lists, quoting.</summary>
    private (bool Flow, ScalarStyle Style) Hint(string? section, string key)
    {
        if (section is null) return (false, ScalarStyle.Any);
        var items = Sections.OrderBy(s => s == section ? 0 : 1).Select(s => root.Find(s)).OfType<SequenceNode>()
            .SelectMany(l => l.Items).OfType<MappingNode>().ToList();
        // The same key in another source; else, for lists, how the sources write any list of strings.
        var node = items.Select(m => m.Find(key)).FirstOrDefault(n => n is not null)
            ?? items.SelectMany(m => m.Entries).Select(e => e.Value).FirstOrDefault(v => v is SequenceNode list && list.Items.All(i => i is ScalarNode));
        return node switch
        {
            SequenceNode list => (list.Flow, ScalarStyle.Any),
            ScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted } scalar => (false, scalar.Style),
            _ => (false, ScalarStyle.Any),
        };
    }

    /// <summary>Kubeflow has no <c>config:</c> block: the plugin's config is its top-level <c>labels</c> and <c>namedQueries</c>.</summary>
    private void EditKubeflowConfig(IReadOnlyDictionary<string, object?> config)
    {
        foreach (var key in KubeflowConfigKeys.Union(config.Keys))
        {
            if (config.TryGetValue(key, out var value)) EditField(root, key, value, Absent);
            else if (root.FindKey(key) is { } present) RemoveEntry(present, root.Find(key)!);
        }
    }

    /// <summary>A newline first when text is inserted after a last line that has none.</summary>
    private string Lead(int at) => at == file.Text.Length && at > 0 && file.Text[at - 1] != '\n' ? file.Newline : "";

    /// <summary>Replaced lines that ended the file without a newline are replaced by lines without a final newline.</summary>
    private string Fit(int end, string replacement) =>
        end == file.Text.Length && end > 0 && file.Text[end - 1] != '\n' && replacement.EndsWith(file.Newline, StringComparison.Ordinal)
            ? replacement[..^file.Newline.Length]
            : replacement;

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string => false,
        IEnumerable<KeyValuePair<string, object?>> map => !map.Any(),
        System.Collections.IEnumerable list => !list.Cast<object?>().Any(),
        _ => false,
    };

    /// <summary>Equal as YAML values: numbers by value, maps by content whatever their order, lists item by item.</summary>
    internal static bool Same(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        switch (a, b)
        {
            case (null, _) or (_, null): return false;
            case (string x, string y): return string.Equals(x, y, StringComparison.Ordinal);
            case (bool x, bool y): return x == y;
            case (string, _) or (_, string) or (bool, _) or (_, bool): return false;
            case (IEnumerable<KeyValuePair<string, object?>> x, IEnumerable<KeyValuePair<string, object?>> y):
                var left = x.ToList();
                var right = y.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                return left.Count == right.Count && left.All(e => right.TryGetValue(e.Key, out var v) && Same(e.Value, v));
            case (IEnumerable<KeyValuePair<string, object?>>, _) or (_, IEnumerable<KeyValuePair<string, object?>>): return false;
            case (System.Collections.IEnumerable x, System.Collections.IEnumerable y):
                return x.Cast<object?>().ToList() is var l && y.Cast<object?>().ToList() is var r && l.Count == r.Count && l.Zip(r).All(p => Same(p.First, p.Second));
            case (IConvertible x, IConvertible y):
                try
                {
                    return Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture).Equals(Convert.ToDouble(y, System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (FormatException)
                {
                    return false;
                }
            default: return Equals(a, b);
        }
    }
}
