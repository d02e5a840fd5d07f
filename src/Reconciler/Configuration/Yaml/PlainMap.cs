using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>An immutable, insertion-ordered string-keyed map: the compact form of YAML mappings in
/// <see cref="FreeForm"/> values (two exact-size arrays; an index only for large maps). Catalogs hold
/// hundreds of thousands of small mappings, so this is what keeps their ingest cheap.</summary>
internal sealed class PlainMap : IReadOnlyDictionary<string, object?>
{
    private const int IndexFrom = 9;

    private readonly string[] _keys;
    private readonly object?[] _values;
    private readonly Dictionary<string, int>? _index;

    /// <param name="keys">Distinct keys, in order; the arrays are owned by the map from now on.</param>
    public PlainMap(string[] keys, object?[] values)
    {
        _keys = keys;
        _values = values;
        if (keys.Length >= IndexFrom)
        {
            _index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++) _index[keys[i]] = i;
        }
    }

    public static PlainMap Empty { get; } = new([], []);

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<object?> Values => _values;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++) yield return KeyValuePair.Create(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        if (_index is not null) return _index.TryGetValue(key, out var i) ? i : -1;
        for (var i = 0; i < _keys.Length; i++)
            if (string.Equals(_keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }
}
