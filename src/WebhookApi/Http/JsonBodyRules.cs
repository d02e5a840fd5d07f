using System.Globalization;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.WebhookApi.Http;

/// <summary>The rules a JSON body must meet beyond being well-formed, the same ones YAML files meet (one rule for both
/// formats): no key twice in one object, no number a 64-bit float cannot hold (<c>1e999</c> would be committed as
/// YAML <c>.inf</c>), and, for a typed body, no unknown field and no explicit <c>null</c> for a field.
/// Every error names the field (a JSON path such as <c>properties.x</c>) and answers 422.</summary>
internal static class JsonBodyRules
{
    public const string Where = "request body";

    /// <summary>The fields a typed body accepts but ignores, so a document read with GET can be sent back;
    /// they may be null.</summary>
    private static readonly ImmutableHashSet<string> EchoedFields = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "hash", "status");

    /// <param name="shape">The typed body's contract, or null for a free-form body (a config mapping, a merge patch).</param>
    public static ImmutableArray<ValidationError> Check(JsonElement root, JsonTypeInfo? shape)
    {
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        if (shape is { Kind: JsonTypeInfoKind.Object } && root.ValueKind == JsonValueKind.Object)
        {
            var known = shape.Properties.Select(p => p.Name).ToImmutableSortedSet(StringComparer.OrdinalIgnoreCase);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    errors.Add(Error(property.Name, $"duplicate key '{property.Name}'"));
                else if (!known.Contains(property.Name))
                    errors.Add(Error(property.Name, $"unknown field '{property.Name}'; known fields: {string.Join(", ", known.Where(k => !EchoedFields.Contains(k)))}"));
                else if (property.Value.ValueKind == JsonValueKind.Null && !EchoedFields.Contains(property.Name))
                    errors.Add(Error(property.Name, $"'{property.Name}' must not be null; leave the field out to use its default"));
                else
                    Walk(property.Value, property.Name, errors);
            }
        }
        else
        {
            Walk(root, "", errors);
        }
        return errors.ToImmutable();
    }

    /// <summary>A merge patch of a typed document: every member it names must be a field of that document
    /// (null members remove a field, so they are allowed).</summary>
    public static ImmutableArray<ValidationError> CheckPatch(System.Text.Json.Nodes.JsonObject patch, JsonTypeInfo shape)
    {
        var known = shape.Properties.Select(p => p.Name).ToImmutableSortedSet(StringComparer.OrdinalIgnoreCase);
        return [.. patch.Where(member => !known.Contains(member.Key)).Select(member =>
            Error(member.Key, $"unknown field '{member.Key}'; known fields: {string.Join(", ", known.Where(k => !EchoedFields.Contains(k)))}"))];
    }

    private static void Walk(JsonElement element, string path, ImmutableArray<ValidationError>.Builder errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!seen.Add(property.Name)) errors.Add(Error(field, $"duplicate key '{property.Name}'"));
                    else Walk(property.Value, field, errors);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, $"{path}[{(index++).ToString(CultureInfo.InvariantCulture)}]", errors);
                break;
            case JsonValueKind.Number when !element.TryGetDouble(out var number) || !double.IsFinite(number):
                errors.Add(Error(path, $"the number {Shorten(element.GetRawText())} is outside the range of a 64-bit float; " +
                    "non-finite numbers (YAML .inf, .nan) cannot be written through the API: send a finite number, or a string"));
                break;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static ValidationError Error(string field, string message) => new(Where, 0, 0, field, message);
}
