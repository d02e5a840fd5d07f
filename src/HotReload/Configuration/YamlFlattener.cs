using System.Globalization;

namespace GitOps.HotReload.Configuration;

/// <summary>Turns the block-style YAML used for configuration into configuration keys, without a YAML dependency.</summary>
/// <remarks>
/// Covers block mappings and sequences (including <c>- key: value</c> items), plain, single- and double-quoted scalars,
/// literal and folded block scalars (<c>|</c>, <c>&gt;</c>, with <c>-</c>), flow sequences and mappings of scalars on
/// one line, comments and one optional <c>---</c>. Error messages name the file and line but never repeat content, which may be secret. Anchors, aliases, tags and multi-document streams are refused with
/// the line number rather than misread.
/// </remarks>
internal static class YamlFlattener
{
    public static void Flatten(string text, string prefix, IDictionary<string, string?> into, string file)
    {
        var lines = Tokenize(text, file);
        var i = lines.FindIndex(l => l.Indent >= 0);
        if (i < 0) return; // an empty document adds no keys
        var root = lines[i];
        if (!root.Text.StartsWith('-') && new Parser(lines, into, file).IsScalarDocument(root)) throw Error(file, root, "the document is a single value; expected a mapping");
        new Parser(lines, into, file).Block(ref i, root.Indent, prefix);
        while (i < lines.Count && lines[i].Indent < 0) i++;
        if (i < lines.Count) throw Error(file, lines[i], "unexpected indentation or content");
    }

    private static List<Line> Tokenize(string text, string file)
    {
        var lines = new List<Line>();
        var raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var seenStart = false;
        for (var n = 0; n < raw.Length; n++)
        {
            var line = raw[n];
            if (line.Contains('\t', StringComparison.Ordinal) && line.TrimStart(' ').StartsWith('\t')) throw new FormatException($"{file}:{n + 1}: tabs are not allowed for indentation");
            var content = StripComment(line).TrimEnd();
            var indent = content.Length - content.TrimStart(' ').Length;
            var body = content.TrimStart(' ');
            if (body.Length == 0) { lines.Add(new Line(n + 1, -1, "", line)); continue; }
            if (indent == 0 && body == "---") { if (seenStart || lines.Any(l => l.Indent >= 0)) throw new FormatException($"{file}:{n + 1}: several YAML documents in one file are not supported"); seenStart = true; continue; }
            if (indent == 0 && body == "...") break;
            lines.Add(new Line(n + 1, indent, body, line));
        }
        return lines;
    }

    /// <summary>Removes a comment: <c>#</c> at the start or after a space, outside quotes.</summary>
    private static string StripComment(string line)
    {
        char quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or '[' or '{' or ',' or ':' or '-')) quote = c;
            else if (c == '#' && (i == 0 || line[i - 1] == ' ')) return line[..i];
        }
        return line;
    }

    private static FormatException Error(string file, Line line, string message) => new($"{file}:{line.Number}: {message}");

    private sealed record Line(int Number, int Indent, string Text, string Raw);

    private sealed class Parser(List<Line> all, IDictionary<string, string?> into, string file)
    {
        // Blank lines matter only inside block scalars; everywhere else they are skipped.
        private readonly List<Line> _lines = all;

        public bool IsScalarDocument(Line line) => SplitKey(line.Text) is null;

        public void Block(ref int i, int indent, string path)
        {
            Skip(ref i);
            if (i >= _lines.Count) { ConfigKeys.Set(into, path, null, file); return; }
            if (IsItem(_lines[i].Text)) Sequence(ref i, indent, path);
            else Mapping(ref i, indent, path);
        }

        private void Mapping(ref int i, int indent, string path)
        {
            while (Skip(ref i) && _lines[i].Indent == indent && !IsItem(_lines[i].Text))
            {
                var line = _lines[i];
                var (key, rest) = SplitKey(line.Text) ?? throw Error(file, line, "expected 'key: value' (the line's content is not repeated: it may be a secret)");
                var keyPath = ConfigKeys.Combine(path, key);
                i++;
                Value(ref i, indent, keyPath, rest, line);
            }
            if (i < _lines.Count && _lines[i].Indent > indent) throw Error(file, _lines[i], "unexpected indentation");
        }

        private void Sequence(ref int i, int indent, string path)
        {
            var index = 0;
            while (Skip(ref i) && _lines[i].Indent == indent && IsItem(_lines[i].Text))
            {
                var line = _lines[i];
                var itemPath = ConfigKeys.Combine(path, (index++).ToString(CultureInfo.InvariantCulture));
                var rest = line.Text.Length == 1 ? "" : line.Text[1..].TrimStart(' ');
                if (rest.Length > 0 && SplitKey(rest) is not null && rest[0] is not '[' and not '{')
                {
                    // "- key: value" opens a mapping whose keys sit where "key" starts.
                    var column = line.Indent + (line.Text.Length - rest.Length);
                    _lines[i] = line with { Indent = column, Text = rest };
                    Mapping(ref i, column, itemPath);
                    continue;
                }
                i++;
                Value(ref i, indent, itemPath, rest, line);
            }
        }

        private void Value(ref int i, int indent, string path, string rest, Line line)
        {
            if (rest.Length == 0)
            {
                if (Skip(ref i) && (_lines[i].Indent > indent || (_lines[i].Indent == indent && IsItem(_lines[i].Text) && !IsItem(line.Text))))
                    Block(ref i, _lines[i].Indent, path);
                else
                    ConfigKeys.Set(into, path, null, file);
                return;
            }
            if (rest[0] is '|' or '>') { ConfigKeys.Set(into, path, BlockScalar(ref i, indent, rest, line), file); return; }
            if (rest[0] is '&' or '*' or '!') throw Error(file, line, "anchors, aliases and tags are not supported");
            if (rest[0] == '[') { FlowSequence(rest, path, line); return; }
            if (rest[0] == '{') { FlowMapping(rest, path, line); return; }
            ConfigKeys.Set(into, path, Scalar(rest, line), file);
        }

        private string BlockScalar(ref int i, int indent, string header, Line line)
        {
            var literal = header[0] == '|';
            var chomp = header.Length > 1 ? header[1] : ' ';
            var parts = new List<string>();
            int? blockIndent = null;
            while (i < _lines.Count && (_lines[i].Indent < 0 || _lines[i].Indent > indent))
            {
                var l = _lines[i++];
                if (l.Indent < 0) { parts.Add(""); continue; }
                blockIndent ??= l.Raw.Length - l.Raw.TrimStart(' ').Length;
                parts.Add(l.Raw.Length >= blockIndent ? l.Raw[blockIndent.Value..].TrimEnd() : l.Raw.Trim());
            }
            while (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
            if (parts.Count == 0 && blockIndent is null && header.Trim().Length > 2) throw Error(file, line, "unsupported block scalar header (only |, |-, >, >- are read)");
            var text = literal ? string.Join('\n', parts) : Fold(parts);
            return chomp == '-' ? text : text + "\n";
        }

        private static string Fold(List<string> parts)
        {
            var builder = new StringBuilder();
            for (var k = 0; k < parts.Count; k++)
            {
                if (k > 0) builder.Append(parts[k].Length == 0 || parts[k - 1].Length == 0 ? "\n" : " ");
                builder.Append(parts[k]);
            }
            return builder.ToString().Replace("\n\n", "\n", StringComparison.Ordinal);
        }

        private void FlowSequence(string text, string path, Line line)
        {
            if (!text.EndsWith(']')) throw Error(file, line, "a flow sequence must end on the same line");
            var items = SplitFlow(text[1..^1], line);
            if (items.Count == 0) { ConfigKeys.Set(into, path, null, file); return; }
            for (var k = 0; k < items.Count; k++) ConfigKeys.Set(into, ConfigKeys.Combine(path, k.ToString(CultureInfo.InvariantCulture)), Scalar(items[k], line), file);
        }

        private void FlowMapping(string text, string path, Line line)
        {
            if (!text.EndsWith('}')) throw Error(file, line, "a flow mapping must end on the same line");
            var items = SplitFlow(text[1..^1], line);
            if (items.Count == 0) { ConfigKeys.Set(into, path, null, file); return; }
            foreach (var item in items)
            {
                var (key, value) = SplitKey(item) ?? throw Error(file, line, "expected 'key: value' items in the flow mapping");
                ConfigKeys.Set(into, ConfigKeys.Combine(path, key), value.Length == 0 ? null : Scalar(value, line), file);
            }
        }

        private List<string> SplitFlow(string inner, Line line)
        {
            var items = new List<string>();
            var start = 0;
            char quote = '\0';
            for (var k = 0; k <= inner.Length; k++)
            {
                if (k < inner.Length)
                {
                    var c = inner[k];
                    if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
                    if (c is '"' or '\'') { quote = c; continue; }
                    if (c is '[' or '{') throw Error(file, line, "nested flow collections are not supported; use block style");
                    if (c != ',') continue;
                }
                var item = inner[start..k].Trim();
                if (item.Length > 0) items.Add(item);
                start = k + 1;
            }
            return items;
        }

        private string? Scalar(string text, Line line)
        {
            if (text[0] == '"') return DoubleQuoted(text, line);
            if (text[0] == '\'')
            {
                if (text.Length < 2 || text[^1] != '\'') throw Error(file, line, "unterminated single-quoted string");
                return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }
            return text is "~" or "null" or "Null" or "NULL" ? null : text;
        }

        private string DoubleQuoted(string text, Line line)
        {
            if (text.Length < 2 || text[^1] != '"') throw Error(file, line, "unterminated double-quoted string");
            var builder = new StringBuilder();
            for (var k = 1; k < text.Length - 1; k++)
            {
                if (text[k] != '\\') { builder.Append(text[k]); continue; }
                if (++k >= text.Length - 1) throw Error(file, line, "dangling escape in double-quoted string");
                builder.Append(text[k] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', '"' => '"', '\\' => '\\', '/' => '/', ' ' => ' ', _ => throw Error(file, line, $"unsupported escape '\\{text[k]}'") });
            }
            return builder.ToString();
        }

        /// <summary>Splits <c>key: value</c> at the first <c>:</c> followed by a space or the end, outside quotes.</summary>
        private (string Key, string Value)? SplitKey(string text)
        {
            if (text[0] is '"' or '\'')
            {
                var close = text.IndexOf(text[0], 1);
                if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':') return null;
                if (close + 2 < text.Length && text[close + 2] != ' ') return null;
                return (text[1..close], text[(close + 2)..].Trim());
            }
            for (var k = 0; k < text.Length; k++)
            {
                if (text[k] == ':' && (k + 1 == text.Length || text[k + 1] == ' ')) return k == 0 ? null : (text[..k].TrimEnd(), text[(k + 1)..].Trim());
            }
            return null;
        }

        private static bool IsItem(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

        /// <summary>Moves past blank lines; true while there is a line left.</summary>
        private bool Skip(ref int i)
        {
            while (i < _lines.Count && _lines[i].Indent < 0) i++;
            return i < _lines.Count;
        }
    }
}
