namespace GitOps.Cli.Http;

/// <summary>Lists arrive as a JSON array, or wrapped as <c>{ "items": [...] }</c>; both read the same.</summary>
internal static class JsonItems
{
    public static IReadOnlyList<JsonNode> Of(JsonNode? node) => node switch
    {
        JsonArray array => array.Where(n => n is not null).Select(n => n!).ToList(),
        JsonObject obj when obj["items"] is JsonArray items => Of(items),
        _ => [],
    };
}
