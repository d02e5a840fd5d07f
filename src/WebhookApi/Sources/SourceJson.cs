using System.Text.Json.Nodes;

namespace GitOps.WebhookApi.Sources;

/// <summary>The outcome of reading a source from JSON (<see cref="SourceJson"/>).</summary>
internal abstract record SourceRead
{
    private SourceRead() { }

    public sealed record Parsed(SourceConfig Source) : SourceRead;

    /// <summary>The JSON is not a source document at all: not an object, or a field of the wrong JSON kind (at <paramref name="Path"/>).</summary>
    public sealed record Malformed(string Path, string Message) : SourceRead;

    /// <summary>A source document that breaks field rules; each error names its field.</summary>
    public sealed record Invalid(ImmutableArray<ValidationError> Errors) : SourceRead;
}

/// <summary>The one JSON dialect of a source (the <see cref="SourceBody"/> shape, camelCase) for every reader: POST, PUT,
/// PATCH (merge patch over the source as it is) and the dry runs (<c>…:test</c>), REST and GraphQL alike.</summary>
internal static class SourceJson
{
    /// <summary>The id a dry-run source gets when its body names none.</summary>
    public const string DryRunId = "dry-run";

    public static JsonNode ToNode(SourceConfig source) => JsonSerializer.SerializeToNode(SourceBody.From(source), ApiJson.Options)!;

    /// <summary>A whole source document under the write rules: known fields only, no null fields, then
    /// <see cref="SourceBody.ToConfig"/>.</summary>
    public static SourceRead Read(JsonNode? node) => Body(node, out var body) ?? ToConfig(body!);

    private static SourceRead? Body(JsonNode? node, out SourceBody? body)
    {
        body = null;
        if (node is not JsonObject) return new SourceRead.Malformed("$", "a source must be a JSON object");
        var rules = JsonBodyRules.Check(JsonSerializer.SerializeToElement(node, ApiJson.Options), ApiJson.Options.GetTypeInfo(typeof(SourceBody)));
        if (rules.Length > 0) return new SourceRead.Invalid(rules);
        try
        {
            body = node.Deserialize<SourceBody>(ApiJson.Options);
        }
        catch (JsonException ex)
        {
            return new SourceRead.Malformed(ex.Path ?? "$", ex.Message);
        }
        return body is null ? new SourceRead.Malformed("$", "a source must be a JSON object") : null;
    }

    private static SourceRead ToConfig(SourceBody body)
    {
        var (source, errors) = body.ToConfig();
        return source is null ? new SourceRead.Invalid(errors) : new SourceRead.Parsed(source);
    }

    /// <summary>A source for a dry run: <see cref="Read"/>, with <see cref="DryRunId"/> when the body names no id.</summary>
    public static SourceRead ReadNew(JsonNode? node)
    {
        if (node is JsonObject body && !body.ContainsKey("id"))
        {
            var named = (JsonObject)body.DeepClone();
            named["id"] = DryRunId;
            node = named;
        }
        return Read(node);
    }

    /// <summary>A JSON merge patch (RFC 7386) over <paramref name="current"/>: the id cannot change, and a patch that does
    /// not touch <c>properties</c> keeps them as they are (values JSON cannot carry as numbers, YAML <c>.inf</c>/<c>.nan</c>,
    /// are served as strings and would come back as strings).</summary>
    public static SourceRead Patch(SourceConfig current, JsonObject patch)
    {
        if (Body(JsonMergePatch.Apply(ToNode(current), patch), out var body) is { } failure) return failure;
        if (body!.Id != current.Id)
        {
            return new SourceRead.Invalid([new ValidationError(JsonBodyRules.Where, 0, 0, "id",
                "A source's id cannot be changed by PATCH; add a new source and delete this one")]);
        }
        var read = ToConfig(body);
        return read is SourceRead.Parsed parsed && !patch.ContainsKey("properties")
            ? new SourceRead.Parsed(parsed.Source with { Properties = current.Properties })
            : read;
    }

    /// <summary>The errors as one line, for answers that carry a single message.</summary>
    public static string Describe(ImmutableArray<ValidationError> errors) => string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));
}
