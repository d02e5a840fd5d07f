using GitOps.Reconciler.Configuration.Yaml;
using YamlDotNet.Core.Events;

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
/// <remarks>One pass over YamlDotNet's parser events (<see cref="YamlTreeReader"/>, with its limits): entities become
/// plain values straight from the events, with no intermediate tree, because catalogs are the large files
/// (the runtime ingests 10 MB catalogs). Values follow the YAML 1.2 core schema, so quoted timestamps,
/// block-scalar readmes and data-URI logos stay the strings they are.</remarks>
internal static class CatalogParser
{
    private const string Shape = "a catalog has an optional source and one list of entities (models, mcp_servers, …)";

    /// <param name="file">Repository-relative path used in errors, e.g. <c>plugins/models/organization-models.yaml</c>.</param>
    public static CatalogParseResult Parse(string file, ReadOnlyMemory<byte> content, YamlLimits limits) =>
        YamlTreeReader.Walk<CatalogParseResult>(file, content, limits, reader => Read(file, reader), error => new CatalogParseResult.Failed([error]));

    private static CatalogParseResult Read(string file, YamlTreeReader reader)
    {
        if (reader.IsEmpty || reader.Current is not MappingStart)
        {
            var at = reader.IsEmpty ? (1, 1) : (YamlTreeReader.Line(reader.Current.Start), YamlTreeReader.Column(reader.Current.Start));
            if (!reader.IsEmpty) reader.ReadNode();
            return Failed(new ValidationError(file, at.Item1, at.Item2, "", $"expected a mapping: {Shape}"));
        }
        var rootStart = reader.Current.Start;
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? source = null;
        string? listKey = null;
        var entities = ImmutableArray.CreateBuilder<CatalogEntity>();
        reader.EnterCollection();
        while (!reader.AtCollectionEnd)
        {
            if (reader.ReadNode() is not ScalarNode key)
            {
                reader.Fail(new ValidationError(file, YamlTreeReader.Line(rootStart), YamlTreeReader.Column(rootStart), "", "mapping keys must be scalars"));
                return null!;
            }
            if (!seen.Add(key.Value))
                reader.Fail(new ValidationError(file, key.Line, key.Column, key.Value, $"duplicate key '{key.Value}'"));
            if (key.Value == "source")
            {
                var value = reader.ReadNode();
                if (value is ScalarNode scalar && scalar.Resolved is not null) source = scalar.Value;
                else errors.Add(new ValidationError(file, value.Line, value.Column, "source", "expected a string"));
            }
            else if (reader.Current is SequenceStart && listKey is null)
            {
                listKey = key.Value;
                ReadEntities(file, reader, listKey, entities, errors);
            }
            else
            {
                var second = reader.Current is SequenceStart;
                reader.ReadPlain(); // read (aliases resolved and charged) only to move past it
                errors.Add(new ValidationError(file, key.Line, key.Column, key.Value, second
                    ? $"more than one entity list ('{listKey}' and '{key.Value}'); a catalog has one"
                    : $"unexpected field; {Shape}"));
            }
        }
        reader.ExitCollection();
        if (listKey is null && errors.Count == 0)
            errors.Add(new ValidationError(file, YamlTreeReader.Line(rootStart), YamlTreeReader.Column(rootStart), "", "no list of entities found (models, mcp_servers, …)"));
        return errors.Count > 0
            ? new CatalogParseResult.Failed(errors.ToImmutable())
            : new CatalogParseResult.Parsed(new CatalogDocument(source, listKey!, entities.ToImmutable()));
    }

    private static void ReadEntities(string file, YamlTreeReader reader, string listKey,
        ImmutableArray<CatalogEntity>.Builder entities, ImmutableArray<ValidationError>.Builder errors)
    {
        var anchor = ((SequenceStart)reader.Current).Anchor;
        var first = entities.Count;
        long size = 1;
        reader.EnterCollection();
        for (var i = 0; !reader.AtCollectionEnd; i++)
        {
            var start = reader.Current.Start;
            var (line, column) = (YamlTreeReader.Line(start), YamlTreeReader.Column(start));
            var value = reader.ReadPlain(out var valueSize);
            size += valueSize;
            if (value is not IReadOnlyDictionary<string, object?> fields)
                errors.Add(new ValidationError(file, line, column, $"{listKey}[{i}]", "expected a mapping with a name"));
            else if (fields.GetValueOrDefault("name") is not { } name || name is IReadOnlyDictionary<string, object?> or IReadOnlyList<object?> || NameText(name).Length == 0)
                errors.Add(new ValidationError(file, line, column, $"{listKey}[{i}].name", "every entity needs a name"));
            else
                entities.Add(new CatalogEntity(NameText(name), fields, line));
        }
        reader.ExitCollection();
        if (!anchor.IsEmpty)
            reader.Anchor(anchor, entities.Skip(first).Select(e => (object?)e.Fields).ToList().AsReadOnly(), size);
    }

    /// <summary>A name written as a number (<c>name: 2024</c>) is still a name; plain values keep no source text,
    /// so numbers are formatted back invariantly.</summary>
    private static string NameText(object name) => name switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => name.ToString() ?? "",
    };

    private static CatalogParseResult.Failed Failed(ValidationError error) => new([error]);
}
