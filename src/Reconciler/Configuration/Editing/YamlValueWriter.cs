using System.Globalization;
using GitOps.Reconciler.Configuration.Yaml;
using YamlDotNet.Core;

namespace GitOps.Reconciler.Configuration.Editing;

/// <summary>Writes <see cref="FreeForm"/> values as YAML text in a file's style (its newline, indent unit and sequence
/// indent). Every scalar reads back as the same value: strings that would read as something else are quoted.</summary>
internal sealed class YamlValueWriter(YamlText file)
{
    /// <summary><c>key: value</c> lines at <paramref name="column"/>, ending with a newline; <paramref name="key"/> is YAML text
    /// as written (see <see cref="Key"/>). With <paramref name="firstLineIndented"/> false the first line starts at the key
    /// (the caller keeps what stands before it, e.g. <c>- </c>).</summary>
    public string Entry(string key, object? value, int column, bool flowLists = false, ScalarStyle style = ScalarStyle.Any, bool firstLineIndented = true)
    {
        var text = new StringBuilder();
        if (firstLineIndented) text.Append(' ', column);
        text.Append(key).Append(':');
        Value(text, value, column, flowLists, style);
        return text.Append(file.Newline).ToString();
    }

    /// <summary>The text after <c>key:</c>: <c> scalar</c>, <c> []</c>, or a nested block on the following lines (no final newline).</summary>
    public void Value(StringBuilder text, object? value, int column, bool flowLists, ScalarStyle style)
    {
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> map:
                var entries = map.ToList();
                if (entries.Count == 0)
                {
                    text.Append(" {}");
                    return;
                }
                foreach (var (k, v) in entries)
                {
                    text.Append(file.Newline).Append(' ', column + file.Unit).Append(Key(k)).Append(':');
                    Value(text, v, column + file.Unit, flowLists, ScalarStyle.Any);
                }
                return;
            case System.Collections.IEnumerable list when value is not string:
                var items = list.Cast<object?>().ToList();
                if (items.Count == 0)
                {
                    text.Append(" []");
                    return;
                }
                if (flowLists && items.All(IsScalar))
                {
                    text.Append(" [").AppendJoin(", ", items.Select(i => Scalar(i, ScalarStyle.Any, flow: true))).Append(']');
                    return;
                }
                var dash = column + file.SequenceIndent;
                foreach (var item in items)
                {
                    text.Append(file.Newline).Append(' ', dash).Append('-');
                    if (item is IEnumerable<KeyValuePair<string, object?>> itemMap && itemMap.Any())
                    {
                        var first = true;
                        foreach (var (k, v) in itemMap)
                        {
                            if (first) text.Append(' ');
                            else text.Append(file.Newline).Append(' ', dash + 2);
                            text.Append(Key(k)).Append(':');
                            Value(text, v, dash + 2, flowLists, ScalarStyle.Any);
                            first = false;
                        }
                    }
                    else if (IsScalar(item))
                    {
                        text.Append(' ').Append(Scalar(item, ScalarStyle.Any));
                    }
                    else
                    {
                        Value(text, item, dash, flowLists, ScalarStyle.Any);
                    }
                }
                return;
            default:
                text.Append(' ').Append(Scalar(value, style));
                return;
        }
    }

    private static bool IsScalar(object? value) => value is null or string or bool or IConvertible;

    /// <summary>One scalar: in <paramref name="style"/> when the value is a string that style can hold, else plain when that
    /// reads back as the same string, else double-quoted.</summary>
    public static string Scalar(object? value, ScalarStyle style, bool flow = false) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => String(s, style, flow),
        double d => ScalarResolver.FloatText(d),
        float f => ScalarResolver.FloatText(f),
        decimal m => ScalarResolver.FloatText((double)m),
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => String(value.ToString() ?? "", style, flow),
    };

    /// <summary>A mapping key as YAML text.</summary>
    public static string Key(string key) => String(key, ScalarStyle.Any, flow: false);

    private static string String(string s, ScalarStyle style, bool flow)
    {
        if (style == ScalarStyle.SingleQuoted && !s.Contains('\n', StringComparison.Ordinal))
            return "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
        if (style != ScalarStyle.DoubleQuoted && PlainIsSafe(s, flow)) return s;
        var quoted = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\r': quoted.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    private static bool PlainIsSafe(string s, bool flow)
    {
        if (s.Length == 0 || s != s.Trim() || ScalarResolver.ResolvePlain(s) is not string) return false;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(s[0], StringComparison.Ordinal)) return false;
        if (s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':')) return false;
        if (s.AsSpan().IndexOfAny("\n\r\t") >= 0) return false;
        return !flow || s.AsSpan().IndexOfAny(",[]{}") < 0;
    }
}
