using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>The outcome of reading one YAML file: its root node (null for an empty file) or the first error.</summary>
internal abstract record YamlReadResult
{
    private YamlReadResult() { }

    public sealed record Read(YamlNode? Root) : YamlReadResult;

    public sealed record Failed(ValidationError Error) : YamlReadResult;
}

/// <summary>Reads a YAML file event by event (YamlDotNet's low-level <see cref="Parser"/>) into a <see cref="YamlNode"/> tree,
/// enforcing <see cref="YamlLimits"/> as it goes so that hostile input fails before it costs anything.</summary>
/// <remarks>Aliases are never expanded: an alias node is the anchored node itself, and its expanded size is
/// charged to the alias budget, so a "billion laughs" file fails at the first alias over the budget.</remarks>
internal sealed class YamlTreeReader
{
    private readonly string _file;
    private readonly YamlLimits _limits;
    private readonly Parser _parser;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private long _expanded;

    private YamlTreeReader(string file, TextReader text, YamlLimits limits)
    {
        _file = file;
        _limits = limits;
        _parser = new Parser(text);
    }

    public static YamlReadResult Read(string file, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        if (content.Length > limits.MaxBytes)
            return new YamlReadResult.Failed(new ValidationError(file, 1, 1, "",
                $"file is {content.Length} bytes, over the size limit of {limits.MaxBytes} bytes (YamlLimits.MaxBytes)"));
        var text = Encoding.UTF8.GetString(content.Span);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return new YamlTreeReader(file, new StringReader(text), limits).ReadDocument();
    }

    private YamlReadResult ReadDocument()
    {
        try
        {
            Next(); // StreamStart
            Next();
            if (_parser.Current is StreamEnd) return new YamlReadResult.Read(null);
            Next(); // past DocumentStart
            var root = ReadNode(0);
            Next(); // past DocumentEnd
            if (_parser.Current is DocumentStart second)
                return Fail(second.Start, "", "only one YAML document is allowed per file");
            return new YamlReadResult.Read(root);
        }
        catch (YamlException ex)
        {
            return new YamlReadResult.Failed(new ValidationError(_file, Line(ex.Start), Column(ex.Start), "", $"YAML syntax error: {ex.Message}"));
        }
        catch (LimitExceeded ex)
        {
            return new YamlReadResult.Failed(ex.Error);
        }
    }

    private YamlNode ReadNode(int depth)
    {
        var current = _parser.Current!;
        switch (current)
        {
            case Scalar scalar:
            {
                var node = new ScalarNode(scalar.Value, scalar.Style, scalar.Tag.IsEmpty ? "" : scalar.Tag.Value, Line(scalar.Start), Column(scalar.Start));
                Anchor(scalar, node);
                Next();
                return node;
            }
            case AnchorAlias alias:
                return Alias(alias);
            case SequenceStart start:
            {
                Enter(start, depth);
                Next();
                var items = new List<YamlNode>();
                long size = 1;
                while (_parser.Current is not SequenceEnd)
                {
                    var item = ReadNode(depth + 1);
                    size += item.Size;
                    items.Add(item);
                }
                Next();
                var node = new SequenceNode(items, size, Line(start.Start), Column(start.Start));
                Anchor(start, node);
                return node;
            }
            case MappingStart start:
            {
                Enter(start, depth);
                Next();
                var entries = new List<KeyValuePair<ScalarNode, YamlNode>>();
                HashSet<string>? seen = null;
                long size = 1;
                while (_parser.Current is not MappingEnd)
                {
                    if (ReadNode(depth + 1) is not ScalarNode key)
                        throw new LimitExceeded(Error(_parser.Current!.Start, "", "mapping keys must be scalars"));
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!seen.Add(key.Value))
                        throw new LimitExceeded(new ValidationError(_file, key.Line, key.Column, key.Value, $"duplicate key '{key.Value}'"));
                    var value = ReadNode(depth + 1);
                    size += 1 + value.Size;
                    entries.Add(KeyValuePair.Create(key, value));
                }
                Next();
                var node = new MappingNode(entries, size, Line(start.Start), Column(start.Start));
                Anchor(start, node);
                return node;
            }
            default:
                throw new LimitExceeded(Error(current.Start, "", $"unexpected {current.GetType().Name} in YAML"));
        }
    }

    private YamlNode Alias(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            throw new LimitExceeded(Error(alias.Start, "", $"alias *{alias.Value.Value} refers to no anchor defined before it"));
        _expanded += target.Size;
        if (_expanded > _limits.MaxAliasExpansions)
            throw new LimitExceeded(Error(alias.Start, "",
                $"aliases expand to more than {_limits.MaxAliasExpansions} nodes, over the alias-expansion limit (YamlLimits.MaxAliasExpansions); refused at alias *{alias.Value.Value}"));
        Next();
        return target;
    }

    private void Enter(NodeEvent start, int depth)
    {
        if (depth + 1 > _limits.MaxDepth)
            throw new LimitExceeded(Error(start.Start, "",
                $"nesting is deeper than the depth limit of {_limits.MaxDepth} levels (YamlLimits.MaxDepth)"));
    }

    private void Anchor(NodeEvent ev, YamlNode node)
    {
        if (!ev.Anchor.IsEmpty) _anchors[ev.Anchor.Value] = node;
    }

    private void Next()
    {
        if (!_parser.MoveNext()) throw new LimitExceeded(new ValidationError(_file, 0, 0, "", "unexpected end of YAML"));
    }

    private YamlReadResult.Failed Fail(Mark mark, string field, string message) => new(Error(mark, field, message));

    private ValidationError Error(Mark mark, string field, string message) => new(_file, Line(mark), Column(mark), field, message);

    private static int Line(Mark mark) => (int)Math.Min(mark.Line, int.MaxValue);

    private static int Column(Mark mark) => (int)Math.Min(mark.Column, int.MaxValue);

    /// <summary>Stops reading at the first limit or structure violation; never escapes <see cref="ReadDocument"/>.</summary>
    private sealed class LimitExceeded(ValidationError error) : Exception(error.Message)
    {
        public ValidationError Error { get; } = error;
    }
}
