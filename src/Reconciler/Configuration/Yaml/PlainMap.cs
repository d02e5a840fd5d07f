using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>An immutable, insertion-ordered string-keyed map: the compact form of YAML mappings in
/// <see cref="FreeForm"/> values (a shared <see cref="MapShape"/> and one exact-size value array). Catalogs hold
/// hundreds of thousands of small mappings, so this is what keeps their ingest cheap.</summary>
internal sealed class PlainMap(MapShape shape, object?[] values) : IReadOnlyDictionary<string, object?>
{
    /// <param name="keys">Distinct keys, in order; the arrays are owned by the map from now on.</param>
    public PlainMap(string[] keys, object?[] values) : this(new MapShape(keys), values) { }

    public static PlainMap Empty { get; } = new(MapShape.Empty, []);

    public int Count => values.Length;

    public IEnumerable<string> Keys => shape.Keys;

    public IEnumerable<object?> Values => values;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => shape.IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = shape.IndexOf(key);
        value = i >= 0 ? values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        var keys = shape.Keys;
        for (var i = 0; i < keys.Length; i++) yield return KeyValuePair.Create(keys[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
