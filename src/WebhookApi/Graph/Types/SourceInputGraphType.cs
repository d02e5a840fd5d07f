using GitOps.WebhookApi.Sources;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>A source as a client sends it (REST: the POST/PUT body). Every field is optional here so the shared validator
/// reports a missing id or type the way REST does (VALIDATION_FAILED with field errors).</summary>
internal sealed class SourceInputGraphType : InputObjectGraphType
{
    public SourceInputGraphType()
    {
        Name = "SourceInput";
        Field<StringGraphType>("id");
        Field<StringGraphType>("name");
        Field<StringGraphType>("type").Description("The provider type, e.g. yaml");
        Field<BooleanGraphType>("enabled");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("labels");
        Field<JsonGraphType>("properties");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("include");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("exclude");
    }

    /// <summary>The input as the REST body record, through the same JSON reading as a REST request.</summary>
    public static SourceBody Body(Dictionary<string, object?> input) =>
        JsonSerializer.SerializeToElement(input, ApiJson.Options).Deserialize<SourceBody>(ApiJson.Options)!;

    public static string? Id(Dictionary<string, object?> input) => input.GetValueOrDefault("id") as string;
}
