namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>Shares what repeats between the plain values read from one file: mapping shapes (the entities of a catalog
/// mostly have the same keys) and short scalar texts (licenses, types, tasks, languages). Shared values are immutable,
/// so sharing changes nothing but the number of objects a large catalog keeps alive.</summary>
internal sealed class RepeatCache
{
    private const int MaxShapes = 16;
    private const int MaxSharedLength = 32;
    private const int TextSlots = 512; // a power of two

    private readonly List<MapShape> _shapes = []; // most recently used first
    private readonly string?[] _texts = new string?[TextSlots];

    /// <summary>The shape with these keys: a recently used one when it matches, else a new one.</summary>
    public MapShape Shape(List<string> keys)
    {
        for (var i = 0; i < _shapes.Count; i++)
        {
            var shape = _shapes[i];
            if (!shape.Matches(keys)) continue;
            if (i > 0)
            {
                _shapes.RemoveAt(i);
                _shapes.Insert(0, shape);
            }
            return shape;
        }
        var created = new MapShape([.. keys]);
        if (_shapes.Count == MaxShapes) _shapes.RemoveAt(MaxShapes - 1);
        _shapes.Insert(0, created);
        return created;
    }

    /// <summary>An equal string seen recently, or <paramref name="text"/> (remembered in its slot) when there is none.</summary>
    public string Text(string text)
    {
        if (text.Length > MaxSharedLength) return text;
        ref var slot = ref _texts[text.GetHashCode() & (TextSlots - 1)];
        if (slot is not null && string.Equals(slot, text, StringComparison.Ordinal)) return slot;
        slot = text;
        return text;
    }
}
