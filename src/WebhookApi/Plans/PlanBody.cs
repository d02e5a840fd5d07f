namespace GitOps.WebhookApi.Plans;

/// <summary>The body of <c>POST /plan</c>: <c>{"base": "&lt;sha&gt;", "files": {"plugins/models/sources.yaml": "…", "plugins/models/old.yaml": null}}</c>.</summary>
/// <param name="Base">The commit to plan against; left out: the tracked head.</param>
/// <param name="Files">Repository path (under <c>plugins/</c>) → the file's full new text, or null to delete it.</param>
internal sealed record PlanBody(string? Base, IReadOnlyDictionary<string, string?>? Files)
{
    /// <summary>Reads the body with the API's field rules (<see cref="JsonBodyRules"/>: unknown fields, explicit nulls, duplicate
    /// keys), then its own: every error names the field and answers 422.</summary>
    public static (PlanBody? Body, ImmutableArray<ValidationError> Errors) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return (null, [Error("", "the body must be a JSON object with 'files' (and optionally 'base')")]);
        var errors = JsonBodyRules.Check(root, ApiJson.Options.GetTypeInfo(typeof(PlanBody))).ToBuilder();
        string? @base = null;
        if (Member(root, "base") is { } baseValue && baseValue.ValueKind != JsonValueKind.Null)
        {
            if (baseValue.ValueKind != JsonValueKind.String || baseValue.GetString() is not { Length: > 0 } text) errors.Add(Error("base", "must be a commit sha (a non-empty string)"));
            else @base = text;
        }
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (Member(root, "files"))
        {
            case null:
                errors.Add(Error("files", "required: an object of repository path → new text (null deletes the file)"));
                break;
            case { ValueKind: JsonValueKind.Object } filesValue:
                foreach (var file in filesValue.EnumerateObject())
                {
                    if (file.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                        errors.Add(Error($"files.{file.Name}", $"must be the file's text (a string) or null to delete it, not {file.Value.ValueKind.ToString().ToLowerInvariant()}"));
                    else if (!file.Name.StartsWith(SnapshotBuilder.PluginsFolder + "/", StringComparison.Ordinal))
                        errors.Add(Error($"files.{file.Name}", $"'{file.Name}' is not under {SnapshotBuilder.PluginsFolder}/: paths are repository paths such as {SnapshotBuilder.PluginsFolder}/models/sources.yaml"));
                    else
                        files[file.Name] = file.Value.GetString();
                }
                if (files.Count == 0 && errors.Count == 0) errors.Add(Error("files", "names no file: a plan needs at least one changed file"));
                break;
            case { ValueKind: not JsonValueKind.Null }:
                errors.Add(Error("files", "must be an object of repository path → new text (null deletes the file)"));
                break;
        }
        return errors.Count > 0 ? (null, errors.ToImmutable()) : (new PlanBody(@base, files), []);
    }

    /// <summary>The changes as bytes (UTF-8), null for a deletion.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>?> Changes() =>
        (Files ?? new Dictionary<string, string?>()).ToDictionary(f => f.Key, f => f.Value is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(f.Value), StringComparer.Ordinal);

    public static ValidationError Error(string field, string message) => new(JsonBodyRules.Where, 0, 0, field, message);

    private static JsonElement? Member(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }
}
