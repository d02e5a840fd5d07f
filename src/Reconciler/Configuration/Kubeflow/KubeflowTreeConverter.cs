using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration.Kubeflow;

/// <summary>Reads a sources.yaml in the Kubeflow dialect as Kubeflow's strict decode and <c>Validate</c> read it: only the
/// fields its structs declare (anything else is an unknown field with its position), <c>model_catalogs</c> then the
/// deprecated <c>catalogs</c> then <c>mcp_catalogs</c>, blank filter patterns refused, <c>labels</c> a list of mappings and
/// <c>namedQueries</c> a mapping of queries. Ids must be unique across all sections (the validator checks that).</summary>
internal sealed class KubeflowTreeConverter(string file) : TreeConverter(file)
{
    private static readonly string[] AssetTypes = [KubeflowFormat.Models, KubeflowFormat.McpServers];

    public SourcesParseResult Convert(MappingNode root, string plugin)
    {
        var fields = ImmutableDictionary.CreateBuilder<string, (int, int)>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Entries)
        {
            if (!KubeflowFormat.RootFields.Contains(key.Value))
                Error(key, key.Value, $"unknown field; expected one of {string.Join(", ", KubeflowFormat.RootFields)}");
            else
                fields[key.Value] = (value.Line, value.Column);
        }

        var sources = ImmutableArray.CreateBuilder<SourceConfig>();
        var locations = ImmutableArray.CreateBuilder<SourceLocation>();
        foreach (var section in new[] { KubeflowFormat.ModelSection, KubeflowFormat.DeprecatedSection, KubeflowFormat.McpSection })
            Section(root.Find(section), section, sources, locations);

        var labels = Labels(root.Find("labels"));
        var queries = NamedQueries(root.Find("namedQueries"));

        if (Errors.Count > 0) return new SourcesParseResult.Failed(Errors.ToImmutable());
        var config = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        if (labels is not null) config["labels"] = labels;
        if (queries is not null) config["namedQueries"] = queries;
        var document = new SourcesDocument(plugin, config.Count == 0 ? FreeForm.EmptyMap : new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(config), sources.ToImmutable())
        {
            Dialect = KubeflowFormat.Dialect,
        };
        return new SourcesParseResult.Parsed(document, locations.ToImmutable(), fields.ToImmutable());
    }

    private void Section(YamlNode? node, string section, ImmutableArray<SourceConfig>.Builder sources, ImmutableArray<SourceLocation>.Builder locations)
    {
        switch (node)
        {
            case null:
            case ScalarNode scalar when scalar.Resolved is null:
                return;
            case SequenceNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var path = $"{section}[{i}]";
                    if (list.Items[i] is MappingNode entry)
                    {
                        var (source, location) = Source(entry, section, path);
                        sources.Add(source);
                        locations.Add(location);
                    }
                    else
                    {
                        Error(list.Items[i], path, "expected a mapping with id, name and type");
                    }
                }
                return;
            default:
                Error(node, section, "expected a list of sources");
                return;
        }
    }

    private (SourceConfig, SourceLocation) Source(MappingNode entry, string section, string path)
    {
        var allowed = section == KubeflowFormat.McpSection ? KubeflowFormat.McpSourceFields : KubeflowFormat.ModelSourceFields;
        var at = FieldPositions(entry, path, allowed);
        var properties = Map(entry.Find("properties"), $"{path}.properties");
        if (properties.GetValueOrDefault(KubeflowFormat.ExcludedModels) is { } legacy && section != KubeflowFormat.McpSection
            && (legacy is not IReadOnlyList<object?> list || list.Any(item => item is not string)))
            Error(entry.Find("properties")!, $"{path}.properties.{KubeflowFormat.ExcludedModels}", "expected a list of strings");

        string? assetType = null;
        if (entry.Find("assetType") is { } assetNode)
        {
            assetType = Text(assetNode, $"{path}.assetType");
            if (!AssetTypes.Contains(assetType))
                Error(assetNode, $"{path}.assetType", $"unknown asset type '{assetType}'; expected {string.Join(" or ", AssetTypes)}");
        }

        var (include, exclude) = KubeflowFormat.FilterKeys(section);
        var source = new SourceConfig(
            Field(entry, path, "id"), Field(entry, path, "name"), Field(entry, path, "type"), Enabled(entry.Find("enabled"), $"{path}.enabled"),
            Strings(entry.Find("labels"), path, "labels", at),
            properties,
            Strings(entry.Find(include), path, include, at, patterns: true),
            Strings(entry.Find(exclude), path, exclude, at, patterns: true))
        {
            Section = section,
            AssetType = assetType,
        };
        return (source, new SourceLocation(entry.Line, entry.Column, at.ToImmutable()) { Path = path });
    }

    /// <summary><c>labels:</c> is <c>[]map[string]any</c>: a list of mappings (a <c>name</c> may be null).</summary>
    private IReadOnlyList<object?>? Labels(YamlNode? node)
    {
        switch (node)
        {
            case null:
            case ScalarNode scalar when scalar.Resolved is null:
                return null;
            case SequenceNode list:
                for (var i = 0; i < list.Items.Count; i++)
                    if (list.Items[i] is not MappingNode) Error(list.Items[i], $"labels[{i}]", "expected a mapping (name, displayName, description, …)");
                return (IReadOnlyList<object?>?)ScalarResolver.ToPlain(list);
            default:
                return ErrorValue<IReadOnlyList<object?>?>(node, "labels", "expected a list of label mappings", null);
        }
    }

    /// <summary><c>namedQueries:</c> maps a query name to either <c>{assetType, filters}</c> or the legacy flat field → filter map.</summary>
    private IReadOnlyDictionary<string, object?>? NamedQueries(YamlNode? node)
    {
        switch (node)
        {
            case null:
            case ScalarNode scalar when scalar.Resolved is null:
                return null;
            case MappingNode queries:
                foreach (var (name, query) in queries.Entries)
                {
                    var field = $"namedQueries.{name.Value}";
                    if (name.Value.Length == 0) Error(name, "namedQueries", "named query name cannot be empty");
                    if (query is not MappingNode body)
                    {
                        Error(query, field, "expected a mapping of field filters");
                        continue;
                    }
                    if (body.Find("assetType") is { } type && (type is not ScalarNode s || !AssetTypes.Contains(s.Value)))
                        Error(type, $"{field}.assetType", $"expected {string.Join(" or ", AssetTypes)}");
                    var filters = body.FindKey("filters") is not null ? body.Find("filters") : body;
                    if (filters is not MappingNode { Entries.Count: > 0 })
                        Error(filters ?? body, field, "must contain at least one field filter");
                }
                return ScalarResolver.Map(queries);
            default:
                return ErrorValue<IReadOnlyDictionary<string, object?>?>(node, "namedQueries", "expected a mapping of named queries", null);
        }
    }
}
