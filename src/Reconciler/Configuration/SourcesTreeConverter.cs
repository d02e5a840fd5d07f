using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration;

/// <summary>Turns a gitops/v1 sources.yaml tree into a <see cref="SourcesDocument"/>, checking each field's type
/// and recording where each value stands. Every problem is collected, not just the first.</summary>
internal sealed class SourcesTreeConverter(string file) : TreeConverter(file)
{
    private static readonly string[] RootFields = ["apiVersion", "plugin", "config", "sources"];
    private static readonly string[] SourceFields = ["id", "name", "type", "enabled", "labels", "properties", "include", "exclude"];

    public SourcesParseResult Convert(MappingNode root, string? migratedFrom)
    {
        var fields = ImmutableDictionary.CreateBuilder<string, (int, int)>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Entries)
        {
            if (!RootFields.Contains(key.Value))
                Error(key, key.Value, $"unknown field; expected one of {string.Join(", ", RootFields)}");
            else
                fields[key.Value] = (value.Line, value.Column);
        }

        switch (root.Find("apiVersion"))
        {
            case ScalarNode { Value: SourcesDocument.CurrentApiVersion }: break;
            case ScalarNode other: Error(other, "apiVersion", $"unsupported schema version '{other.Value}'; expected {SourcesDocument.CurrentApiVersion}"); break;
            case { } other: Error(other, "apiVersion", $"expected the string {SourcesDocument.CurrentApiVersion}"); break;
        }

        var plugin = root.Find("plugin") switch
        {
            null => Missing(root, "plugin"),
            var node => Text(node, "plugin"),
        };
        var config = Map(root.Find("config"), "config");

        var sources = ImmutableArray.CreateBuilder<SourceConfig>();
        var locations = ImmutableArray.CreateBuilder<SourceLocation>();
        var complete = true;
        switch (root.Find("sources"))
        {
            case null:
            case ScalarNode scalar when scalar.Resolved is null:
                break;
            case SequenceNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (list.Items[i] is MappingNode entry)
                    {
                        var (source, location) = Source(entry, $"sources[{i}]");
                        sources.Add(source);
                        locations.Add(location);
                    }
                    else
                    {
                        Error(list.Items[i], $"sources[{i}]", "expected a mapping with id, name and type");
                        complete = false; // the sources that follow would be checked under the wrong index
                    }
                }
                break;
            case var other:
                Error(other, "sources", "expected a list of sources");
                break;
        }

        var document = new SourcesDocument(plugin, config, sources.ToImmutable(), migratedFrom);
        var parsed = new SourcesParseResult.Parsed(document, locations.ToImmutable(), fields.ToImmutable());
        return Errors.Count > 0 ? new SourcesParseResult.Failed(Errors.ToImmutable(), complete ? parsed : null) : parsed;
    }

    private (SourceConfig, SourceLocation) Source(MappingNode entry, string path)
    {
        var at = FieldPositions(entry, path, SourceFields);
        var enabled = Enabled(entry.Find("enabled"), $"{path}.enabled");
        var properties = Map(entry.Find("properties"), $"{path}.properties");
        var source = new SourceConfig(
            Field(entry, path, "id"), Field(entry, path, "name"), Field(entry, path, "type"), enabled,
            Strings(entry.Find("labels"), path, "labels", at),
            properties,
            Strings(entry.Find("include"), path, "include", at, patterns: true),
            Strings(entry.Find("exclude"), path, "exclude", at, patterns: true));
        return (source, new SourceLocation(entry.Line, entry.Column, at.ToImmutable()));
    }
}
