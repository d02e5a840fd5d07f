using GitOps.WebhookApi.Runtime;
using GitOps.WebhookApi.Sources;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>One page of a source's entities as a Relay connection. The cursors are the REST API's opaque page tokens
/// (an edge's cursor is the token of the page that starts after it), so the paging rules are the REST ones.</summary>
internal sealed record EntityConnection(int TotalCount, int Offset, IReadOnlyList<IReadOnlyDictionary<string, object?>> Items, bool HasNextPage);

internal sealed class EntityConnectionGraphType : ObjectGraphType<EntityConnection>
{
    public EntityConnectionGraphType()
    {
        Name = "EntityConnection";
        Field(c => c.TotalCount).Description("Entities matching the filter, over all pages");
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(c => c.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityEdgeGraphType>>>>("edges")
            // Cost: one unit per entity the page can hold (first, default the REST page size), so a query over every
            // source's entities is refused before it runs.
            .WithComplexityImpact(c => new FieldComplexityResult(1,
                c.Parent?.GetArgument("first", EntitiesEndpoints.DefaultPageSize) ?? EntitiesEndpoints.DefaultPageSize))
            .Resolve(c => c.Source.Items.Select((fields, i) => new EntityEdge(EntitiesEndpoints.WriteToken(c.Source.Offset + i + 1), fields)));
    }

    /// <summary>Adds <c>entities(filter, first, after)</c> to a type whose objects name a plugin and a source.</summary>
    public static void AddField<T>(ObjectGraphType<T> type, Func<IResolveFieldContext<T>, (string Plugin, string Source)> target) =>
        type.Field<NonNullGraphType<EntityConnectionGraphType>>("entities")
            .Description("What the running source loaded, filtered (name contains, case-insensitive) and paged")
            .Argument<StringGraphType>("filter")
            .Argument<IntGraphType>("first", a => a.Description = $"Page size, 1 to {EntitiesEndpoints.MaxPageSize} (default {EntitiesEndpoints.DefaultPageSize})")
            .Argument<StringGraphType>("after", a => a.Description = "An edge's cursor (or pageInfo.endCursor): the page starts after it")
            .Resolve(c =>
            {
                var (plugin, source) = target(c);
                return Page(c.RequestServices!.GetRequiredService<PluginHost>(), plugin, source,
                    c.GetArgument<string?>("filter"), c.GetArgument<int?>("first"), c.GetArgument<string?>("after"));
            });

    public static EntityConnection Page(PluginHost host, string plugin, string source, string? filter, int? first, string? after)
    {
        var page = GraphErrors.Value<EntityPage>(EntitiesEndpoints.GetEntities(plugin, source, filter, first?.ToString(System.Globalization.CultureInfo.InvariantCulture), after, host));
        var offset = string.IsNullOrEmpty(after) || !EntitiesEndpoints.TryReadToken(after, out var start) ? 0 : start;
        return new EntityConnection(page.TotalSize, offset, page.Items, page.NextPageToken is not null);
    }
}

internal sealed record EntityEdge(string Cursor, IReadOnlyDictionary<string, object?> Fields);

internal sealed class EntityEdgeGraphType : ObjectGraphType<EntityEdge>
{
    public EntityEdgeGraphType()
    {
        Name = "EntityEdge";
        Field(e => e.Cursor);
        Field<NonNullGraphType<EntityGraphType>>("node").Resolve(c => c.Source.Fields);
    }
}

internal sealed class EntityGraphType : ObjectGraphType<IReadOnlyDictionary<string, object?>>
{
    public EntityGraphType()
    {
        Name = "Entity";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.TryGetValue("name", out var name) ? name?.ToString() : "");
        Field<NonNullGraphType<JsonGraphType>>("fields").Description("The entity as loaded (includes name)").Resolve(c => c.Source);
    }
}

internal sealed class PageInfoGraphType : ObjectGraphType<EntityConnection>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(c => c.Source.Offset > 0);
        Field<StringGraphType>("startCursor").Resolve(c => c.Source.Items.Count == 0 ? null : EntitiesEndpoints.WriteToken(c.Source.Offset + 1));
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.Items.Count == 0 ? null : EntitiesEndpoints.WriteToken(c.Source.Offset + c.Source.Items.Count));
    }
}
