using YamlDotNet.Core;

namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>A node of the small YAML tree read by <see cref="YamlTreeReader"/>: every node knows where it starts (1-based).</summary>
/// <remarks>An alias is resolved to the anchored node itself (shared, never copied), so <see cref="Size"/>
/// (the node count of the subtree with aliases expanded) is what the alias-expansion budget charges.</remarks>
public abstract class YamlNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>Character offset (in the text after any byte-order mark) where the node starts; edits splice at it.</summary>
    public long Start { get; init; }

    /// <summary>Character offset just past the node: for a scalar, its last character; for a flow collection, its closing
    /// bracket; for a block collection, as reported by the parser (use <c>YamlText.ContentEnd</c> for edits).</summary>
    public long End { get; init; }

    /// <summary>Nodes in this subtree, aliases counted as what they expand to.</summary>
    public abstract long Size { get; }
}

public sealed class ScalarNode(string value, ScalarStyle style, string tag, int line, int column) : YamlNode(line, column)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    /// <summary>The resolved tag (e.g. <c>tag:yaml.org,2002:str</c>), or empty when none was written.</summary>
    public string Tag { get; } = tag;

    public override long Size => 1;

    /// <summary>The value under the YAML 1.2 core schema (see <see cref="ScalarResolver"/>).</summary>
    public object? Resolved => ScalarResolver.Resolve(this);
}

public sealed class SequenceNode(IReadOnlyList<YamlNode> items, long size, int line, int column) : YamlNode(line, column)
{
    /// <summary>Written in flow style (<c>[a, b]</c>).</summary>
    public bool Flow { get; init; }

    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override long Size { get; } = size;
}

public sealed class MappingNode(IReadOnlyList<KeyValuePair<ScalarNode, YamlNode>> entries, long size, int line, int column) : YamlNode(line, column)
{
    /// <summary>Written in flow style (<c>{a: 1}</c>).</summary>
    public bool Flow { get; init; }

    public IReadOnlyList<KeyValuePair<ScalarNode, YamlNode>> Entries { get; } = entries;

    public override long Size { get; } = size;

    public YamlNode? Find(string key)
    {
        foreach (var (k, v) in Entries)
            if (k.Value == key) return v;
        return null;
    }

    public ScalarNode? FindKey(string key)
    {
        foreach (var (k, _) in Entries)
            if (k.Value == key) return k;
        return null;
    }

    /// <summary>A new mapping at the same position with <paramref name="entries"/> (used by migrations).</summary>
    public MappingNode With(IReadOnlyList<KeyValuePair<ScalarNode, YamlNode>> entries) =>
        new(entries, 1 + entries.Sum(e => 1 + e.Value.Size), Line, Column);
}
