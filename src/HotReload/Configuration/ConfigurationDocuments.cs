using GitOps.HotReload.Mounts;

namespace GitOps.HotReload.Configuration;

/// <summary>Turns the <c>*.json</c>, <c>*.yaml</c> and <c>*.yml</c> keys of a snapshot into one set of configuration keys.</summary>
internal static class ConfigurationDocuments
{
    public static bool IsDocument(string key) =>
        key.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || key.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || key.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Flattens every document key. With <paramref name="prefixWithFileName"/>, a file's keys sit under its name
    /// without extension (<c>sources.yaml</c> → <c>sources:…</c>); otherwise all files merge at the root (a key defined
    /// twice is an error naming the file).</summary>
    /// <exception cref="FormatException">A document is malformed; the message names the file and line.</exception>
    public static ImmutableDictionary<string, string?> Flatten(MountSnapshot snapshot, bool prefixWithFileName, Func<string, bool>? include)
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, content) in snapshot.Files)
        {
            if (!IsDocument(key) || (include is not null && !include(key))) continue;
            var prefix = prefixWithFileName ? Path.GetFileNameWithoutExtension(key) : "";
            if (key.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) JsonFlattener.Flatten(content, prefix, keys, key);
            else YamlFlattener.Flatten(Encoding.UTF8.GetString(content.Span).TrimStart('\uFEFF'), prefix, keys, key);
        }
        return keys.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
