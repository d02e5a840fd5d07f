using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>Free-form JSON values (a plugin's config, a source's properties, an entity's fields, a merge patch), as in REST.</summary>
internal sealed class JsonGraphType : ComplexScalarGraphType
{
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "Any JSON value: object, list, string, number, boolean or null";
    }
}
