namespace GitOps.Reconciler.Secrets;

/// <summary>The master keys the service may decrypt with; the last one is the newest and the only one used for writes.</summary>
/// <remarks>Text format (a file at <c>GitOps:Secrets:KeyRingPath</c> or the <c>GitOps:Secrets:KeyRing</c> value): one key per
/// line, <c>&lt;id&gt; &lt;base64 of 32 bytes&gt;</c>, oldest first; blank lines and lines starting with <c>#</c> are ignored,
/// and <c>;</c> separates keys as a newline does (for environment variables).</remarks>
public sealed class KeyRing
{
    private readonly ImmutableDictionary<string, SecretKey> _byId;

    public KeyRing(IEnumerable<SecretKey> keys)
    {
        Keys = [.. keys];
        if (Keys.IsEmpty) throw new ArgumentException("a key ring needs at least one key", nameof(keys));
        var duplicate = Keys.GroupBy(k => k.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"key id '{duplicate.Key}' appears twice in the key ring", nameof(keys));
        _byId = Keys.ToImmutableDictionary(k => k.Id, StringComparer.Ordinal);
    }

    /// <summary>Oldest first.</summary>
    public ImmutableArray<SecretKey> Keys { get; }

    public SecretKey Newest => Keys[^1];

    public SecretKey? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads the text format; errors name the line (never its content, which holds key material).</summary>
    public static KeyRingParse Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<SecretKey>();
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n', ';');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
                return new KeyRingParse.Failed($"{origin}: entry {i + 1} must be '<id> <base64 key>'");
            if (!SecretKey.IsValidId(parts[0]))
                return new KeyRingParse.Failed($"{origin}: entry {i + 1}: key id '{parts[0]}' is not valid (1-64 letters, digits, '.', '_' or '-')");
            var material = new byte[SecretKey.Length + 3];
            if (!Convert.TryFromBase64String(parts[1], material, out var written) || written != SecretKey.Length)
                return new KeyRingParse.Failed($"{origin}: entry {i + 1}: key '{parts[0]}' must be the base64 of exactly {SecretKey.Length} bytes");
            if (keys.Any(k => k.Id == parts[0]))
                return new KeyRingParse.Failed($"{origin}: entry {i + 1}: key id '{parts[0]}' appears twice");
            keys.Add(new SecretKey(parts[0], material[..SecretKey.Length]));
        }
        return keys.Count == 0
            ? new KeyRingParse.Failed($"{origin}: no keys (expected lines of '<id> <base64 key>')")
            : new KeyRingParse.Parsed(new KeyRing(keys));
    }

    /// <summary>The text format, oldest first, with a comment saying how to rotate.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append("# GitOps Reconciler secrets key ring: '<id> <base64 32 bytes>' per line, oldest first.\n");
        text.Append("# The last key encrypts new values, older keys only decrypt. Keep this file secret (mode 0600).\n");
        foreach (var key in Keys) text.Append(key.Id).Append(' ').Append(Convert.ToBase64String(key.Material)).Append('\n');
        return text.ToString();
    }

    public KeyRing Add(SecretKey key) => new([.. Keys, key]);
}

/// <summary>The outcome of reading a key ring.</summary>
public abstract record KeyRingParse
{
    private KeyRingParse() { }

    public sealed record Parsed(KeyRing Ring) : KeyRingParse;

    public sealed record Failed(string Message) : KeyRingParse;
}
