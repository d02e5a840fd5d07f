using GitOps.WebhookApi.Sources;
using GraphQL;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>A source with the plugin it belongs to (the REST view does not repeat it; GraphQL needs it to page entities).</summary>
internal sealed record PluginSource(string Plugin, SourceView View);

/// <summary>A source as <c>GET …/sources/{id}</c> shows it (the same <see cref="SourceView"/>), plus its plugin and entities.</summary>
internal sealed class SourceGraphType : ObjectGraphType<PluginSource>
{
    public SourceGraphType()
    {
        Name = "Source";
        Field(s => s.Plugin).Description("The plugin the source belongs to");
        Field<NonNullGraphType<StringGraphType>>("id").Resolve(c => c.Source.View.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.View.Name);
        Field<NonNullGraphType<StringGraphType>>("type").Description("The provider type, e.g. yaml").Resolve(c => c.Source.View.Type);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(c => c.Source.View.Enabled);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("labels").Resolve(c => c.Source.View.Labels);
        Field<NonNullGraphType<JsonGraphType>>("properties").Description("Provider-specific properties").Resolve(c => c.Source.View.Properties);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("include").Resolve(c => c.Source.View.Include);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("exclude").Resolve(c => c.Source.View.Exclude);
        Field<NonNullGraphType<StringGraphType>>("hash").Description("The source hash: its entry in sources.yaml and the files it refers to")
            .Resolve(c => c.Source.View.Hash);
        Field<NonNullGraphType<SourceStatusGraphType>>("status").Resolve(c => c.Source.View.Status);
        Field<StringGraphType>("section").Description("Kubeflow dialect: the list the source is declared in (model_catalogs, mcp_catalogs, catalogs)").Resolve(c => c.Source.View.Section);
        Field<StringGraphType>("assetType").Description("Kubeflow dialect: the asset type the source serves").Resolve(c => c.Source.View.AssetType);
        EntityConnectionGraphType.AddField(this, c => (c.Source.Plugin, c.Source.View.Id));
    }
}

internal sealed class SourceStatusGraphType : ObjectGraphType<SourceStatusView>
{
    public SourceStatusGraphType()
    {
        Name = "SourceStatus";
        Field<NonNullGraphType<SourceStateGraphType>>("state").Resolve(c => c.Source.State);
        Field(s => s.EntityCount);
        Field<DateTimeOffsetGraphType>("lastRefreshedAt").Resolve(c => c.Source.LastRefreshedAt);
        Field(s => s.AppliedHash, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiagnosticGraphType>>>>("diagnostics").Resolve(c => c.Source.Diagnostics);
    }
}

internal sealed class DiagnosticGraphType : ObjectGraphType<SourceDiagnostic>
{
    public DiagnosticGraphType()
    {
        Name = "Diagnostic";
        Field<NonNullGraphType<StringGraphType>>("severity").Description("Info, Warning or Error").Resolve(c => c.Source.Severity.ToString());
        Field(d => d.Message);
        Field(d => d.File, nullable: true);
        Field(d => d.Line, nullable: true);
    }
}
