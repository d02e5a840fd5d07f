using System.Globalization;
using YamlDotNet.Core;

namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>Resolves scalars under the YAML 1.2 core schema and turns trees into <see cref="FreeForm"/> values.</summary>
/// <remarks>Only plain scalars are typed (null, bool, int, float); quoted and block scalars are strings, and so are
/// timestamps, because the core schema has none. An explicit <c>!!str</c>/<c>!!int</c>/… tag wins.</remarks>
internal static class ScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    public static object? Resolve(ScalarNode scalar)
    {
        if (scalar.Tag.Length > 0) return ByTag(scalar);
        return scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? ResolvePlain(scalar.Value) : scalar.Value;
    }

    /// <summary>What a plain (unquoted) scalar with this text means.</summary>
    public static object? ResolvePlain(string text)
    {
        if (text.Length == 0) return null;
        switch (text)
        {
            case "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF": return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN": return double.NaN;
        }
        var first = text[0];
        if (!char.IsAsciiDigit(first) && first is not ('-' or '+' or '.')) return text;
        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0)
            return hex;
        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text.AsSpan(2).IndexOfAnyExceptInRange('0', '7') < 0)
        {
            try { return Convert.ToInt64(text[2..], 8); }
            catch (OverflowException) { return text; }
        }
        if (IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer;
        if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return real;
        return text;
    }

    /// <summary>The plain value of a subtree: mappings become insertion-ordered read-only dictionaries.</summary>
    public static object? ToPlain(YamlNode node) => node switch
    {
        ScalarNode scalar => Resolve(scalar),
        SequenceNode sequence => List(sequence),
        MappingNode mapping => Map(mapping),
        _ => null,
    };

    public static IReadOnlyDictionary<string, object?> Map(MappingNode mapping)
    {
        var map = new OrderedDictionary<string, object?>(mapping.Entries.Count, StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
            map[key.Value] = ToPlain(value);
        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(map);
    }

    private static IReadOnlyList<object?> List(SequenceNode sequence)
    {
        var list = new object?[sequence.Items.Count];
        for (var i = 0; i < list.Length; i++) list[i] = ToPlain(sequence.Items[i]);
        return Array.AsReadOnly(list);
    }

    private static object? ByTag(ScalarNode scalar)
    {
        if (!scalar.Tag.StartsWith(TagPrefix, StringComparison.Ordinal)) return scalar.Value;
        return scalar.Tag[TagPrefix.Length..] switch
        {
            "null" => null,
            "bool" => ResolvePlain(scalar.Value) is bool b ? b : scalar.Value,
            "int" => ResolvePlain(scalar.Value) is long l ? l : scalar.Value,
            "float" => ResolvePlain(scalar.Value) switch
            {
                long l => (double)l,
                double d => d,
                _ => scalar.Value,
            },
            _ => scalar.Value,
        };
    }

    private static bool IsInteger(string text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        return text.Length > start && !text.AsSpan(start).ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsFloat(string text)
    {
        var digits = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c)) digits = true;
            else if (c is not ('.' or 'e' or 'E' or '-' or '+')) return false;
        }
        return digits;
    }
}
