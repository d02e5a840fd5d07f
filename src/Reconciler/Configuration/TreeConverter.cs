using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration;

/// <summary>What both sources.yaml dialects share while turning a YAML tree into a <see cref="SourcesDocument"/>:
/// typed reads of one field that record an error (with file, line and column) instead of stopping.</summary>
internal abstract class TreeConverter(string file)
{
    protected ImmutableArray<ValidationError>.Builder Errors { get; } = ImmutableArray.CreateBuilder<ValidationError>();

    protected string File => file;

    protected string Text(YamlNode node, string field) => node switch
    {
        ScalarNode scalar when scalar.Resolved is not null => scalar.Value,
        ScalarNode => "",
        _ => ErrorValue(node, field, "expected a string", ""),
    };

    protected bool Enabled(YamlNode? node, string field) => node switch
    {
        null => true,
        ScalarNode scalar when scalar.Resolved is bool b => b,
        _ => ErrorValue(node, field, "expected true or false", true),
    };

    protected IReadOnlyDictionary<string, object?> Map(YamlNode? node, string field) => node switch
    {
        null => FreeForm.EmptyMap,
        ScalarNode scalar when scalar.Resolved is null => FreeForm.EmptyMap,
        MappingNode mapping => ScalarResolver.Map(mapping),
        _ => ErrorValue(node, field, "expected a mapping", FreeForm.EmptyMap),
    };

    /// <summary>Where each field of a source entry and each of its properties sits (errors found later point there);
    /// a field not in <paramref name="allowed"/> is reported as unknown.</summary>
    protected ImmutableDictionary<string, (int, int)>.Builder FieldPositions(MappingNode entry, string path, IReadOnlyCollection<string> allowed)
    {
        var at = ImmutableDictionary.CreateBuilder<string, (int, int)>(StringComparer.Ordinal);
        foreach (var (key, value) in entry.Entries)
        {
            if (!allowed.Contains(key.Value))
                Error(key, $"{path}.{key.Value}", $"unknown field; expected one of {string.Join(", ", allowed)}");
            at[key.Value] = (value.Line, value.Column);
        }
        if (entry.Find("properties") is MappingNode propertyNodes)
            foreach (var (key, value) in propertyNodes.Entries)
                at[$"properties.{key.Value}"] = (value.Line, value.Column);
        return at;
    }

    /// <summary>A string field of an entry; empty when it is absent.</summary>
    protected string Field(MappingNode entry, string path, string name) =>
        entry.Find(name) is { } node ? Text(node, $"{path}.{name}") : "";

    /// <summary>A list of strings; with <paramref name="patterns"/>, a blank item is refused as Kubeflow refuses it.</summary>
    protected ImmutableArray<string> Strings(YamlNode? node, string path, string name, ImmutableDictionary<string, (int, int)>.Builder at, bool patterns = false)
    {
        switch (node)
        {
            case null:
            case ScalarNode scalar when scalar.Resolved is null:
                return [];
            case SequenceNode list:
                var items = ImmutableArray.CreateBuilder<string>(list.Items.Count);
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var item = list.Items[i];
                    at[$"{name}[{i}]"] = (item.Line, item.Column);
                    if (item is not ScalarNode s || s.Resolved is null) Error(item, $"{path}.{name}[{i}]", "expected a string");
                    else if (patterns && string.IsNullOrWhiteSpace(s.Value)) Error(item, $"{path}.{name}[{i}]", "pattern cannot be empty");
                    else items.Add(s.Value);
                }
                return items.ToImmutable();
            default:
                return ErrorValue(node, $"{path}.{name}", "expected a list of strings", ImmutableArray<string>.Empty);
        }
    }

    protected string Missing(YamlNode at, string field)
    {
        Error(at, field, "is required");
        return "";
    }

    protected T ErrorValue<T>(YamlNode node, string field, string message, T fallback)
    {
        Error(node, field, message);
        return fallback;
    }

    protected void Error(YamlNode node, string field, string message) =>
        Errors.Add(new ValidationError(file, node.Line, node.Column, field, message));
}
