using System.Collections.Immutable;
using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration;

/// <summary>One entity of a catalog file: its <c>name</c> and all its fields as plain values (see <see cref="FreeForm"/>).</summary>
/// <param name="Line">Where the entity starts in its file (1-based).</param>
public sealed record CatalogEntity(string Name, IReadOnlyDictionary<string, object?> Fields, int Line);

/// <summary>A catalog file of the yaml provider: optional <c>source:</c> and one list of entities under <see cref="ListKey"/>.</summary>
public sealed record CatalogDocument(string? Source, string ListKey, ImmutableArray<CatalogEntity> Entities);

public abstract record CatalogParseResult
{
    private CatalogParseResult() { }

    public sealed record Parsed(CatalogDocument Document) : CatalogParseResult;

    public sealed record Failed(ImmutableArray<ValidationError> Errors) : CatalogParseResult;
}

/// <summary>Reads the yaml provider's catalog files (DESIGN §2; the Kubeflow Model Registry catalog shape):
/// a mapping with an optional <c>source:</c> string and one list of entities, each with a <c>name</c>.</summary>
/// <remarks>One pass of YamlDotNet's event parser builds the tree (<see cref="YamlTreeReader"/>, with limits), and one
/// walk turns each entity into plain values; nothing is parsed twice. Values follow the YAML 1.2 core schema, so
/// quoted timestamps, block-scalar readmes and data-URI logos stay the strings they are.</remarks>
public static class CatalogParser
{
    /// <param name="file">Repository-relative path used in errors, e.g. <c>plugins/models/organization-models.yaml</c>.</param>
    public static CatalogParseResult Parse(string file, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        var read = YamlTreeReader.Read(file, content, limits);
        if (read is YamlReadResult.Failed failed) return new CatalogParseResult.Failed([failed.Error]);
        if (((YamlReadResult.Read)read).Root is not MappingNode root)
        {
            var at = ((YamlReadResult.Read)read).Root;
            return Fail(new ValidationError(file, at?.Line ?? 1, at?.Column ?? 1, "", "expected a mapping with an optional source and one list of entities (models, mcp_servers, …)"));
        }

        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        string? source = null;
        string? listKey = null;
        SequenceNode? list = null;
        foreach (var (key, value) in root.Entries)
        {
            if (key.Value == "source")
            {
                if (value is ScalarNode scalar && scalar.Resolved is not null) source = scalar.Value;
                else errors.Add(new ValidationError(file, value.Line, value.Column, "source", "expected a string"));
            }
            else if (value is SequenceNode sequence)
            {
                if (list is not null)
                    errors.Add(new ValidationError(file, key.Line, key.Column, key.Value, $"more than one entity list ('{listKey}' and '{key.Value}'); a catalog has one"));
                else
                    (listKey, list) = (key.Value, sequence);
            }
            else
            {
                errors.Add(new ValidationError(file, key.Line, key.Column, key.Value, "unexpected field; a catalog has an optional source and one list of entities"));
            }
        }
        if (list is null || listKey is null)
        {
            if (errors.Count == 0) errors.Add(new ValidationError(file, root.Line, root.Column, "", "no list of entities found (models, mcp_servers, …)"));
            return Fail(errors);
        }

        var entities = ImmutableArray.CreateBuilder<CatalogEntity>(list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            if (item is not MappingNode entity)
            {
                errors.Add(new ValidationError(file, item.Line, item.Column, $"{listKey}[{i}]", "expected a mapping with a name"));
                continue;
            }
            if (entity.Find("name") is not ScalarNode name || name.Resolved is null || name.Value.Length == 0)
            {
                var at = entity.Find("name") ?? entity;
                errors.Add(new ValidationError(file, at.Line, at.Column, $"{listKey}[{i}].name", "every entity needs a name"));
                continue;
            }
            entities.Add(new CatalogEntity(name.Value, ScalarResolver.Map(entity), entity.Line));
        }
        return errors.Count > 0
            ? Fail(errors)
            : new CatalogParseResult.Parsed(new CatalogDocument(source, listKey, entities.ToImmutable()));
    }

    private static CatalogParseResult.Failed Fail(ValidationError error) => new([error]);

    private static CatalogParseResult.Failed Fail(ImmutableArray<ValidationError>.Builder errors) => new(errors.ToImmutable());
}
