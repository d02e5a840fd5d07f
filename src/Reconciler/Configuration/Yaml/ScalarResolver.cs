using System.Globalization;
using YamlDotNet.Core;

namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>Resolves scalars under the YAML 1.2 core schema and turns trees into <see cref="FreeForm"/> values.</summary>
/// <remarks>Only plain scalars are typed (null, bool, int, float); quoted and block scalars are strings, and so are
/// timestamps, because the core schema has none. An explicit <c>!!str</c>/<c>!!int</c>/… tag wins.</remarks>
public static class ScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    // Boxed once: catalogs repeat these many thousands of times.
    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>A float as a plain scalar that resolves back to the same float: <c>.nan</c>, <c>.inf</c>, <c>-.inf</c>,
    /// otherwise round-trip digits with a <c>.0</c> added where they would read as an integer.</summary>
    public static string FloatText(double d)
    {
        if (double.IsNaN(d)) return ".nan";
        if (double.IsPositiveInfinity(d)) return ".inf";
        if (double.IsNegativeInfinity(d)) return "-.inf";
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().ContainsAny(".eE") ? text : text + ".0";
    }

    public static object? Resolve(ScalarNode scalar) => Resolve(scalar.Value, scalar.Style, scalar.Tag);

    public static object? Resolve(string value, ScalarStyle style, string tag)
    {
        if (tag.Length > 0) return ByTag(value, tag);
        return style is ScalarStyle.Plain or ScalarStyle.Any ? ResolvePlain(value) : value;
    }

    /// <summary>What a plain (unquoted) scalar with this text means.</summary>
    public static object? ResolvePlain(string text)
    {
        if (text.Length == 0) return null;
        switch (text)
        {
            case "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return True;
            case "false" or "False" or "FALSE": return False;
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
        var keys = new string[mapping.Entries.Count];
        var values = new object?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = mapping.Entries[i].Key.Value;
            values[i] = ToPlain(mapping.Entries[i].Value);
        }
        return new PlainMap(keys, values);
    }

    private static IReadOnlyList<object?> List(SequenceNode sequence)
    {
        var list = ImmutableArray.CreateBuilder<object?>(sequence.Items.Count);
        foreach (var item in sequence.Items) list.Add(ToPlain(item));
        return list.MoveToImmutable();
    }

    private static object? ByTag(string value, string tag)
    {
        if (!tag.StartsWith(TagPrefix, StringComparison.Ordinal)) return value;
        return tag[TagPrefix.Length..] switch
        {
            "null" => null,
            "bool" => ResolvePlain(value) is bool b ? b : value,
            "int" => ResolvePlain(value) is long l ? l : value,
            "float" => ResolvePlain(value) switch
            {
                long l => (double)l,
                double d => d,
                _ => value,
            },
            _ => value,
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
