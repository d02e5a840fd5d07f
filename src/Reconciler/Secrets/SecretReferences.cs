using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Secrets;

/// <summary><c>${secret:name}</c> references in string values of a source's <c>properties</c> (anywhere in the string, at
/// any depth): checked against the plugin's secrets.yaml when a snapshot is built, substituted only in memory when the
/// source is loaded.</summary>
internal static partial class SecretReferences
{
    /// <summary>Secret names referenced by a source's properties, distinct, in first-use order.</summary>
    public static ImmutableArray<string> Of(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var names = new List<string>();
        foreach (var text in Strings(source.Properties))
            foreach (Match match in Reference().Matches(text))
                if (!names.Contains(match.Groups[1].Value)) names.Add(match.Groups[1].Value);
        return [.. names];
    }

    /// <summary>Errors for references to secrets that secrets.yaml does not hold, and for references outside properties.</summary>
    public static IEnumerable<ValidationError> Validate(string folder, SourcesDocument document, SecretsDocument secrets)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(secrets);
        var file = $"{folder}/{SnapshotBuilder.SourcesFile}";
        for (var i = 0; i < document.Sources.Length; i++)
            foreach (var name in Of(document.Sources[i]))
                if (secrets.Find(name) is null)
                    yield return new ValidationError(file, 0, 0, $"sources[{i}].properties",
                        $"refers to secret '{name}', which {folder}/{SecretsFile.FileName} does not hold");
        if (Strings(document.Config).Any(s => Reference().IsMatch(s)))
            yield return new ValidationError(file, 0, 0, "config", "secret references (${secret:…}) are only resolved in sources[].properties");
    }

    /// <summary>The properties with every reference replaced by its value from <paramref name="values"/>.</summary>
    public static IReadOnlyDictionary<string, object?> Substitute(IReadOnlyDictionary<string, object?> properties, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in properties) result[key] = SubstituteValue(value, values);
        return result;
    }

    private static object? SubstituteValue(object? value, IReadOnlyDictionary<string, string> values) => value switch
    {
        string s => Reference().Replace(s, m => values[m.Groups[1].Value]),
        IReadOnlyDictionary<string, object?> map => Substitute(map, values),
        IReadOnlyList<object?> list => list.Select(item => SubstituteValue(item, values)).ToList(),
        _ => value,
    };

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        string s => [s],
        IReadOnlyDictionary<string, object?> map => map.Values.SelectMany(Strings),
        IReadOnlyList<object?> list => list.SelectMany(Strings),
        _ => [],
    };

    [GeneratedRegex(@"\$\{secret:([A-Za-z0-9][A-Za-z0-9_.-]{0,127})\}")]
    private static partial Regex Reference();
}
