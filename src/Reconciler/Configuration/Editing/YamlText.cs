using GitOps.Reconciler.Configuration.Yaml;
using YamlDotNet.Core;

namespace GitOps.Reconciler.Configuration.Editing;

/// <summary>The text of one YAML file being edited: where lines and nodes begin and end, the file's own style
/// (newline, mapping indent, whether sequences are indented under their key), and the splices to apply.</summary>
internal sealed class YamlText
{
    private readonly List<(int Start, int End, string Text)> _splices = [];

    public YamlText(string text)
    {
        Text = text;
        Newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
    }

    public string Text { get; }

    public string Newline { get; }

    /// <summary>Spaces a nested mapping is indented by (measured from the file; 2 when it has none).</summary>
    public int Unit { get; private set; } = 2;

    /// <summary>Spaces a block sequence's dash stands right of its key (0 or, as Kubeflow's files do, 2).</summary>
    public int SequenceIndent { get; private set; } = 2;

    /// <summary>Learns <see cref="Unit"/> and <see cref="SequenceIndent"/> from the first nested collections of <paramref name="root"/>.</summary>
    public void LearnStyle(MappingNode root)
    {
        bool unitSeen = false, sequenceSeen = false;
        void Visit(YamlNode node, int depth)
        {
            if (depth > 8 || (unitSeen && sequenceSeen)) return;
            if (node is MappingNode { Flow: false } map)
            {
                foreach (var (key, value) in map.Entries)
                {
                    if (!unitSeen && value is MappingNode { Flow: false, Entries.Count: > 0 } child && Column(child.Entries[0].Key) > Column(key))
                    {
                        Unit = Column(child.Entries[0].Key) - Column(key);
                        unitSeen = true;
                    }
                    if (!sequenceSeen && value is SequenceNode { Flow: false, Items.Count: > 0 } list && DashColumn(list.Items[0]) is { } dash)
                    {
                        SequenceIndent = Math.Max(0, dash - Column(key));
                        sequenceSeen = true;
                    }
                    Visit(value, depth + 1);
                }
            }
            else if (node is SequenceNode { Flow: false } seq)
            {
                foreach (var item in seq.Items) Visit(item, depth + 1);
            }
        }
        Visit(root, 0);
    }

    /// <summary>Characters between the start of its line and <paramref name="node"/>.</summary>
    public int Column(YamlNode node) => (int)node.Start - LineStart((int)node.Start);

    /// <summary>The column of the <c>-</c> in front of a block sequence item, or null when there is none on its line.</summary>
    public int? DashColumn(YamlNode item)
    {
        var i = (int)item.Start - 1;
        while (i >= 0 && Text[i] == ' ') i--;
        return i >= 0 && Text[i] == '-' ? i - LineStart(i) : null;
    }

    public int LineStart(int index)
    {
        var i = Math.Min(index, Text.Length);
        while (i > 0 && Text[i - 1] != '\n') i--;
        return i;
    }

    /// <summary>Just past the newline of the line holding the character before <paramref name="end"/> (a node's end).</summary>
    public int LineEnd(int end)
    {
        if (end > 0 && end <= Text.Length && Text[end - 1] == '\n') return end;
        var i = Text.IndexOf('\n', Math.Min(end, Text.Length));
        return i < 0 ? Text.Length : i + 1;
    }

    /// <summary>Only spaces between the start of the line and <paramref name="index"/>.</summary>
    public bool StartsLine(int index)
    {
        for (var i = LineStart(index); i < index; i++)
            if (Text[i] != ' ' && Text[i] != '\t') return false;
        return true;
    }

    /// <summary>Where the written content of a node ends (before trailing comments and blank lines of block collections).</summary>
    public static int ContentEnd(YamlNode node) => node switch
    {
        ScalarNode scalar => (int)scalar.End,
        MappingNode { Flow: true } or SequenceNode { Flow: true } => (int)node.End,
        MappingNode map when map.Entries.Count > 0 => EntryEnd(map.Entries[^1].Key, map.Entries[^1].Value),
        SequenceNode seq when seq.Items.Count > 0 => ContentEnd(seq.Items[^1]),
        _ => (int)node.Start,
    };

    /// <summary>Where a <c>key: value</c> entry's content ends; an empty value ends with its key.</summary>
    public static int EntryEnd(ScalarNode key, YamlNode value) =>
        value is ScalarNode { Value: "", Style: ScalarStyle.Plain } ? (int)key.End : Math.Max((int)key.End, ContentEnd(value));

    /// <summary>The whole lines of an entry, from its key's line to the end of the line its content ends on.</summary>
    public (int Start, int End) EntryLines(ScalarNode key, YamlNode value) => (LineStart((int)key.Start), LineEnd(EntryEnd(key, value)));

    /// <summary>Moves <paramref name="start"/> (a line start) up over the comment-only lines right above it.</summary>
    public int WithCommentsAbove(int start)
    {
        while (start > 0)
        {
            var previous = LineStart(start - 1);
            var line = Text.AsSpan(previous, start - previous).Trim();
            if (line.Length == 0 || line[0] != '#') break;
            start = previous;
        }
        return start;
    }

    public void Splice(int start, int end, string text)
    {
        if (start == end && text.Length == 0) return;
        _splices.Add((start, end, text));
    }

    /// <summary>The text with every splice applied. Splices never overlap; insertions at one point keep their order.</summary>
    public string Apply()
    {
        if (_splices.Count == 0) return Text;
        var ordered = _splices.Select((s, i) => (s, i)).OrderBy(x => x.s.Start).ThenBy(x => x.i).Select(x => x.s).ToList();
        var result = new System.Text.StringBuilder(Text.Length + 256);
        var at = 0;
        foreach (var (start, end, text) in ordered)
        {
            if (start < at) throw new InvalidOperationException($"overlapping YAML edits at offset {start}");
            result.Append(Text, at, start - at).Append(text);
            at = end;
        }
        return result.Append(Text, at, Text.Length - at).ToString();
    }
}
