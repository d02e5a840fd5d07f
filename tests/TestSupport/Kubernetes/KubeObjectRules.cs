using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>The validation the real API server applies to the objects the fake serves (the parts clients can trip over).</summary>
internal static partial class KubeObjectRules
{
    /// <summary>The size limit of a ConfigMap's data plus binaryData (keys and values), as the API server enforces it.</summary>
    public const int ConfigMapMaxBytes = 1024 * 1024;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    internal static partial Regex ConfigMapKey();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    public static List<(string Field, string Message)> Validate(KubeResourceType type, JsonObject obj)
    {
        var errors = new List<(string, string)>();
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? "";
        if (name.Length is 0 or > 253 || !DnsSubdomain().IsMatch(name))
            errors.Add(("metadata.name", $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'"));
        if (obj["metadata"]?["labels"] is JsonObject labels)
            foreach (var (key, value) in labels)
            {
                var text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
                if (text is null || text.Length > 63 || !LabelValue().IsMatch(text))
                    errors.Add(($"metadata.labels", $"Invalid value: \"{text}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'"));
                _ = key;
            }
        if (type == KubeResourceType.ConfigMaps) ValidateConfigMap(obj, errors);
        if (type == KubeResourceType.Secrets) KubeSecretRules.Validate(obj, errors);
        return errors;
    }

    private static void ValidateConfigMap(JsonObject obj, List<(string, string)> errors)
    {
        long total = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in new[] { "data", "binaryData" })
        {
            if (obj[section] is null) continue;
            if (obj[section] is not JsonObject map)
            {
                errors.Add((section, "Invalid value: must be a map of strings"));
                continue;
            }
            foreach (var (key, value) in map)
            {
                if (key.Length > 253 || !ConfigMapKey().IsMatch(key))
                    errors.Add(($"{section}[{key}]", $"Invalid value: \"{key}\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'"));
                if (!seen.Add(key))
                    errors.Add(($"{section}[{key}]", $"Invalid value: \"{key}\": duplicate of key present in data"));
                if (value?.GetValueKind() != System.Text.Json.JsonValueKind.String)
                {
                    errors.Add(($"{section}[{key}]", "Invalid value: must be a string"));
                    continue;
                }
                var text = value.GetValue<string>();
                var length = section == "data" ? Encoding.UTF8.GetByteCount(text) : DecodedLength(text);
                if (length < 0) errors.Add(($"{section}[{key}]", "Invalid value: illegal base64 data"));
                total += key.Length + Math.Max(length, 0);
            }
        }
        if (total > ConfigMapMaxBytes)
            errors.Add(("[]", $"Too long: must have at most {ConfigMapMaxBytes.ToString(CultureInfo.InvariantCulture)} bytes"));
    }

    private static int DecodedLength(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? written : -1;
    }

    /// <summary>A name for <c>metadata.generateName</c>: the prefix plus five random lowercase alphanumerics.</summary>
    public static string GenerateName(string prefix)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var suffix = new char[5];
        for (var i = 0; i < suffix.Length; i++) suffix[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        return prefix + new string(suffix);
    }

    /// <summary>The object without server-managed metadata, for "did this update change anything" comparisons.</summary>
    public static string Fingerprint(JsonObject obj, bool withMetadata)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (!withMetadata) copy.Remove("metadata");
        else if (copy["metadata"] is JsonObject meta)
        {
            meta.Remove("resourceVersion");
            meta.Remove("managedFields");
            meta.Remove("generation");
        }
        return Canonical(copy)!.ToJsonString();
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
