using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>Reads a YAML file event by event (YamlDotNet's low-level <see cref="Parser"/>), enforcing <see cref="YamlLimits"/>
/// as it goes so that hostile input fails before it costs anything. Gives either a <see cref="YamlNode"/> tree with
/// positions (<see cref="ReadNode"/>) or, for bulk data such as catalog entities, plain values straight from the
/// events (<see cref="ReadPlain"/>), so that large files are not turned into a tree and then copied.</summary>
/// <remarks>Aliases are never expanded: an alias yields the anchored node or value itself, and its expanded size is
/// charged to the alias budget, so a "billion laughs" file fails at the first alias over the budget.</remarks>
public sealed class YamlTreeReader
{
    private readonly string _file;
    private readonly YamlLimits _limits;
    private readonly Parser _parser;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (object? Value, long Size)> _plainAnchors = new(StringComparer.Ordinal);
    private readonly List<List<object?>> _itemScratch = [];
    private readonly List<List<string>> _keyScratch = [];
    private readonly RepeatCache _repeats = new();
    private long _expanded;
    private int _depth;

    private YamlTreeReader(string file, TextReader text, YamlLimits limits)
    {
        _file = file;
        _limits = limits;
        _parser = new Parser(text);
    }

    /// <summary>True when the file holds no document at all.</summary>
    public bool IsEmpty { get; private set; }

    /// <summary>The event the reader stands on.</summary>
    public ParsingEvent Current => _parser.Current!;

    public bool AtCollectionEnd => _parser.Current is MappingEnd or SequenceEnd;

    /// <summary>Reads the whole file as a tree.</summary>
    public static YamlReadResult Read(string file, ReadOnlyMemory<byte> content, YamlLimits limits) =>
        Walk<YamlReadResult>(file, content, limits, r => new YamlReadResult.Read(r.IsEmpty ? null : r.ReadNode()), e => new YamlReadResult.Failed(e));

    /// <summary>Runs <paramref name="body"/> on a reader standing on the root node; the body must consume it
    /// (or call <see cref="Fail"/>). Limit violations, syntax errors and <see cref="Fail"/> end in <paramref name="failed"/>.</summary>
    public static T Walk<T>(string file, ReadOnlyMemory<byte> content, YamlLimits limits, Func<YamlTreeReader, T> body, Func<ValidationError, T> failed)
    {
        if (content.Length > limits.MaxBytes)
            return failed(new ValidationError(file, 1, 1, "",
                $"file is {content.Length} bytes, over the size limit of {limits.MaxBytes} bytes (YamlLimits.MaxBytes)"));
        if (PluginFileRules.EncodingProblem(file, content.Span) is { } encoding) return failed(encoding);
        using var text = YamlText.Decode(content);
        var reader = new YamlTreeReader(file, text, limits);
        try
        {
            reader.Next(); // StreamStart
            reader.Next();
            if (reader.Current is StreamEnd)
            {
                reader.IsEmpty = true;
                return body(reader);
            }
            reader.Next(); // past DocumentStart
            var result = body(reader);
            reader.Next(); // past DocumentEnd
            if (reader.Current is DocumentStart second)
                return failed(reader.Error(second.Start, "", "only one YAML document is allowed per file"));
            return result;
        }
        catch (YamlException ex)
        {
            return failed(new ValidationError(file, Line(ex.Start), Column(ex.Start), "", $"YAML syntax error: {ex.Message}"));
        }
        catch (ReadStopped ex)
        {
            return failed(ex.Error);
        }
    }

    /// <summary>Stops reading with <paramref name="error"/> (ends in the walk's failure callback).</summary>
    [DoesNotReturn]
    public void Fail(ValidationError error) => throw new ReadStopped(error);

    /// <summary>Steps into the mapping or sequence the reader stands on, enforcing the depth limit.</summary>
    public void EnterCollection()
    {
        if (_depth + 1 > _limits.MaxDepth)
            Fail(Error(Current.Start, "", $"nesting is deeper than the depth limit of {_limits.MaxDepth} levels (YamlLimits.MaxDepth)"));
        _depth++;
        Next();
    }

    /// <summary>Steps past the end of the current collection.</summary>
    /// <summary>Closes the collection being read: <paramref name="create"/> makes its node from the offset where it ends,
    /// and the node is registered under its anchor, if any.</summary>
    private T EndCollection<T>(AnchorName anchor, Func<long, T> create) where T : YamlNode
    {
        var end = Current.End.Index;
        ExitCollection();
        var node = create(end);
        if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
        return node;
    }

    public void ExitCollection()
    {
        _depth--;
        Next();
    }

    /// <summary>Reads the node the reader stands on as a tree with positions.</summary>
    public YamlNode ReadNode()
    {
        var current = Current;
        switch (current)
        {
            case Scalar scalar:
            {
                var node = new ScalarNode(scalar.Value, scalar.Style, scalar.Tag.IsEmpty ? "" : scalar.Tag.Value, Line(scalar.Start), Column(scalar.Start))
                {
                    Start = scalar.Start.Index,
                    End = scalar.End.Index,
                };
                if (!scalar.Anchor.IsEmpty) _anchors[scalar.Anchor.Value] = node;
                Next();
                return node;
            }
            case AnchorAlias alias:
            {
                var target = _anchors.GetValueOrDefault(alias.Value.Value) ?? throw new ReadStopped(NoAnchor(alias));
                Charge(alias, target.Size);
                Next();
                return target;
            }
            case SequenceStart start:
            {
                EnterCollection();
                var items = new List<YamlNode>();
                long size = 1;
                while (Current is not SequenceEnd)
                {
                    var item = ReadNode();
                    size += item.Size;
                    items.Add(item);
                }
                return EndCollection(start.Anchor, end => new SequenceNode(items, size, Line(start.Start), Column(start.Start))
                    { Start = start.Start.Index, End = end, Flow = start.Style == SequenceStyle.Flow });
            }
            case MappingStart start:
            {
                EnterCollection();
                var entries = new List<KeyValuePair<ScalarNode, YamlNode>>();
                HashSet<string>? keys = null; // small mappings are scanned; large ones hashed, so no input is quadratic
                long size = 1;
                while (Current is not MappingEnd)
                {
                    var keyStart = Current.Start;
                    if (ReadNode() is not ScalarNode key)
                        throw new ReadStopped(Error(keyStart, "", "mapping keys must be scalars"));
                    if (entries.Count == 16) keys = entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal);
                    var duplicate = keys is null ? entries.Exists(e => e.Key.Value == key.Value) : !keys.Add(key.Value);
                    if (duplicate) Fail(new ValidationError(_file, key.Line, key.Column, key.Value, $"duplicate key '{key.Value}'"));
                    var value = ReadNode();
                    size += 1 + value.Size;
                    entries.Add(KeyValuePair.Create(key, value));
                }
                return EndCollection(start.Anchor, end => new MappingNode(entries, size, Line(start.Start), Column(start.Start))
                    { Start = start.Start.Index, End = end, Flow = start.Style == MappingStyle.Flow });
            }
            default:
                throw new ReadStopped(Error(current.Start, "", $"unexpected {current.GetType().Name} in YAML"));
        }
    }

    /// <summary>Reads the node the reader stands on as a <see cref="FreeForm"/> value, without building a tree.</summary>
    public object? ReadPlain() => ReadPlain(out _);

    private static readonly IReadOnlyList<object?> EmptyList = ImmutableArray<object?>.Empty;

    /// <summary>A reusable buffer for the collection at the current depth (collections nest, so one per depth).</summary>
    private List<T> Scratch<T>(List<List<T>> buffers)
    {
        while (buffers.Count < _depth) buffers.Add([]);
        return buffers[_depth - 1];
    }

    /// <param name="size">Nodes read, aliases counted as what they expand to.</param>
    public object? ReadPlain(out long size)
    {
        object? value;
        AnchorName anchor;
        switch (Current)
        {
            case Scalar scalar:
                value = ScalarResolver.Resolve(_repeats.Text(scalar.Value), scalar.Style, scalar.Tag.IsEmpty ? "" : scalar.Tag.Value);
                size = 1;
                anchor = scalar.Anchor;
                Next();
                break;
            case AnchorAlias alias:
                if (_plainAnchors.TryGetValue(alias.Value.Value, out var anchored)) (value, size) = anchored;
                else if (_anchors.TryGetValue(alias.Value.Value, out var node)) (value, size) = (ScalarResolver.ToPlain(node), node.Size);
                else throw new ReadStopped(NoAnchor(alias));
                Charge(alias, size);
                Next();
                return value;
            case SequenceStart start:
                anchor = start.Anchor;
                EnterCollection();
                var items = Scratch(_itemScratch);
                size = 1;
                while (Current is not SequenceEnd)
                {
                    items.Add(ReadPlain(out var itemSize));
                    size += itemSize;
                }
                ExitCollection();
                value = items.Count == 0 ? EmptyList : ImmutableArray.CreateRange(items);
                items.Clear();
                break;
            case MappingStart start:
                anchor = start.Anchor;
                EnterCollection();
                var keys = Scratch(_keyScratch);
                var values = Scratch(_itemScratch);
                HashSet<string>? keySet = null; // small mappings are scanned; large ones hashed, so no input is quadratic
                size = 1;
                while (Current is not MappingEnd)
                {
                    if (Current is not Scalar key) throw new ReadStopped(Error(Current.Start, "", "mapping keys must be scalars"));
                    if (keys.Count == 16) keySet = [.. keys];
                    if (keySet is null ? keys.Contains(key.Value) : !keySet.Add(key.Value))
                        Fail(Error(key.Start, key.Value, $"duplicate key '{key.Value}'"));
                    Next();
                    keys.Add(key.Value);
                    values.Add(ReadPlain(out var valueSize));
                    size += 1 + valueSize;
                }
                ExitCollection();
                value = keys.Count == 0 ? PlainMap.Empty : new PlainMap(_repeats.Shape(keys), [.. values]);
                keys.Clear();
                values.Clear();
                break;
            default:
                throw new ReadStopped(Error(Current.Start, "", $"unexpected {Current.GetType().Name} in YAML"));
        }
        if (!anchor.IsEmpty) _plainAnchors[anchor.Value] = (value, size);
        return value;
    }

    /// <summary>Registers a collection read piecewise by the caller (so that aliases to it resolve, and are charged).</summary>
    public void Anchor(AnchorName anchor, object? value, long size)
    {
        if (!anchor.IsEmpty) _plainAnchors[anchor.Value] = (value, size);
    }

    public ValidationError Error(Mark mark, string field, string message) => new(_file, Line(mark), Column(mark), field, message);

    private ValidationError NoAnchor(AnchorAlias alias) =>
        Error(alias.Start, "", $"alias *{alias.Value.Value} refers to no anchor defined before it");

    private void Charge(AnchorAlias alias, long size)
    {
        _expanded += size;
        if (_expanded > _limits.MaxAliasExpansions)
            Fail(Error(alias.Start, "",
                $"aliases expand to more than {_limits.MaxAliasExpansions} nodes, over the alias-expansion limit (YamlLimits.MaxAliasExpansions); refused at alias *{alias.Value.Value}"));
    }

    private void Next()
    {
        if (!_parser.MoveNext()) Fail(new ValidationError(_file, 0, 0, "", "unexpected end of YAML"));
    }

    public static int Line(Mark mark) => (int)Math.Min(mark.Line, int.MaxValue);

    public static int Column(Mark mark) => (int)Math.Min(mark.Column, int.MaxValue);

    /// <summary>Stops reading at the first limit or structure violation; never escapes <see cref="Walk{T}"/>.</summary>
    private sealed class ReadStopped(ValidationError error) : Exception(error.Message)
    {
        public ValidationError Error { get; } = error;
    }
}
