using GitOps.WebhookApi.Plugins;
using GraphQL;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>A plugin as <c>GET /plugins/{plugin}</c> shows it (the same <see cref="PluginView"/>).</summary>
internal sealed class PluginGraphType : ViewGraphType<PluginView>
{
    public PluginGraphType() : base("Plugin", p => p.Name)
    {
        Field<NonNullGraphType<JsonGraphType>>("config").Description("The per-plugin config block").Resolve(c => c.Source.Config);
        Field(p => p.Hash).Description("The plugin hash (SHA-256 over its files)");
        Field(p => p.Dialect).Description("The sources.yaml dialect: gitops/v1, or kubeflow (the Kubeflow Model Registry catalog format)");
        PlainFields(p => p.SourceCount, p => p.EnabledCount);
        Field<NonNullGraphType<PluginStatusGraphType>>("status").Resolve(c => c.Source.Status);
        ListField<SourceGraphType>("sources", c => c.Source.Sources.Select(s => new PluginSource(c.Source.Name, s)));
        Field<SourceGraphType>("source").Description("One source by id; null when the plugin has none with that id")
            .Argument<NonNullGraphType<StringGraphType>>("id")
            .Resolve(c => c.Source.Sources.FirstOrDefault(s => s.Id == c.GetArgument<string>("id")) is { } s ? new PluginSource(c.Source.Name, s) : null);
        ListField<FileEntryGraphType>("files", c => c.Source.Files);
    }
}

internal sealed class PluginStatusGraphType() : ViewGraphType<PluginStatusView>("PluginStatus",
    p => p.RunningHash, p => p.Drift, p => p.Ready, p => p.Error, p => p.Disabled);

internal sealed class FileEntryGraphType() : ViewGraphType<FileEntry>("FileEntry", f => f.Name, f => f.Size);

internal sealed class SourceStateGraphType : EnumerationGraphType
{
    public SourceStateGraphType()
    {
        Name = "SourceState";
        // The same spelling as REST (Disabled, Loading, Ready, Error), so a client can share its constants.
        foreach (var state in Enum.GetValues<SourceState>()) Add(state.ToString(), state);
    }
}
