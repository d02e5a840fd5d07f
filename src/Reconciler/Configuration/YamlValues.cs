using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Configuration;

/// <summary>Converts YAML nodes to the plain values of <see cref="FreeForm"/> using the YAML 1.2 core schema for plain scalars.</summary>
internal static class YamlValues
{
    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode map => Map(map),
        YamlSequenceNode seq => seq.Children.Select(ToPlain).ToList().AsReadOnly(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static IReadOnlyDictionary<string, object?> Map(YamlMappingNode map)
    {
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
            result[(key as YamlScalarNode)?.Value ?? key.ToString()] = ToPlain(value);
        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(result);
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return text;
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => text,
        };
    }
}
