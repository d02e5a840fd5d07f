namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>The keys of a <see cref="PlainMap"/>, in order, with an index for large maps. Immutable, so maps with the
/// same keys share one shape: the entities of a catalog mostly do, and then each entity holds only its values.</summary>
internal sealed class MapShape
{
    private const int IndexFrom = 9;

    private readonly Dictionary<string, int>? _index;

    /// <param name="keys">Distinct keys, in order; the array is owned by the shape from now on.</param>
    public MapShape(string[] keys)
    {
        Keys = keys;
        if (keys.Length >= IndexFrom)
        {
            _index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++) _index[keys[i]] = i;
        }
    }

    public static MapShape Empty { get; } = new([]);

    public string[] Keys { get; }

    public int IndexOf(string key)
    {
        if (_index is not null) return _index.TryGetValue(key, out var i) ? i : -1;
        for (var i = 0; i < Keys.Length; i++)
            if (string.Equals(Keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>True when this shape has exactly <paramref name="keys"/>, in the same order.</summary>
    public bool Matches(List<string> keys)
    {
        if (keys.Count != Keys.Length) return false;
        for (var i = 0; i < Keys.Length; i++)
            if (!string.Equals(Keys[i], keys[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
