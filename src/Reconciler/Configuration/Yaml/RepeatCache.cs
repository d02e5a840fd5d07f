namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>Shares what repeats between the plain values read from one file: mapping shapes (the entities of a catalog
/// mostly have the same keys) and scalar texts (licenses, types, tasks, languages, logos). Shared values are immutable,
/// so sharing changes nothing but the number of objects a large catalog keeps alive.</summary>
internal sealed class RepeatCache
{
    private const int MaxShapes = 16;
    private const int MaxSharedLength = 32;
    private const int TextSlots = 512; // a power of two
    private const int MaxLongLength = 4096;
    private const int LongSlots = 256; // a power of two

    private readonly List<MapShape> _shapes = []; // most recently used first
    private readonly string?[] _texts = new string?[TextSlots];
    private readonly string?[] _longTexts = new string?[LongSlots];

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
        if (text.Length > MaxSharedLength) return text.Length > MaxLongLength ? text : LongText(text);
        ref var slot = ref _texts[text.GetHashCode() & (TextSlots - 1)];
        if (slot is not null && string.Equals(slot, text, StringComparison.Ordinal)) return slot;
        slot = text;
        return text;
    }

    /// <summary>Long texts repeat too (a publisher's data-URI logo on each of its models, a shared license text). They are
    /// not hashed in full: the slot comes from the length and three characters, so a text seen once costs one comparison
    /// that usually stops at its first differing characters.</summary>
    private string LongText(string text)
    {
        var n = text.Length;
        ref var slot = ref _longTexts[(n * 31 + text[n / 2] * 7 + text[n - 1] * 3 + text[n / 3]) & (LongSlots - 1)];
        if (slot is not null && string.Equals(slot, text, StringComparison.Ordinal)) return slot;
        slot = text;
        return text;
    }
}
