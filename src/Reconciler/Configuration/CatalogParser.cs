using System.Collections.Immutable;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Configuration;

/// <summary>One entity of a catalog file: its <c>name</c> and all its fields as plain values (see <see cref="FreeForm"/>).</summary>
public sealed record CatalogEntity(string Name, IReadOnlyDictionary<string, object?> Fields, int Line);

/// <summary>A catalog file of the yaml provider: optional <c>source:</c> and one list of entities under <see cref="ListKey"/>.</summary>
public sealed record CatalogDocument(string? Source, string ListKey, ImmutableArray<CatalogEntity> Entities);

public abstract record CatalogParseResult
{
    private CatalogParseResult() { }

    public sealed record Parsed(CatalogDocument Document) : CatalogParseResult;

    public sealed record Failed(ImmutableArray<ValidationError> Errors) : CatalogParseResult;
}

/// <summary>Reads the yaml provider's catalog files (DESIGN §2; the Kubeflow Model Registry catalog shape).</summary>
public static class CatalogParser
{
    public static CatalogParseResult Parse(string file, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        if (content.Length > limits.MaxBytes)
            return Fail(file, 0, 0, $"file is {content.Length} bytes, over the limit of {limits.MaxBytes} bytes");
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(Encoding.UTF8.GetString(content.Span)));
        }
        catch (YamlException ex)
        {
            return Fail(file, (int)ex.Start.Line, (int)ex.Start.Column, $"YAML syntax error: {ex.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return Fail(file, 1, 1, "expected a mapping with one list of entities");
        string? source = null;
        YamlSequenceNode? list = null;
        var listKey = "";
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (name == "source" && value is YamlScalarNode s) source = s.Value;
            else if (value is YamlSequenceNode seq)
            {
                if (list is not null) return Fail(file, (int)key.Start.Line, (int)key.Start.Column, $"more than one entity list ('{listKey}' and '{name}')");
                list = seq;
                listKey = name;
            }
        }
        if (list is null) return Fail(file, 1, 1, "no list of entities found");
        var entities = ImmutableArray.CreateBuilder<CatalogEntity>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map || YamlValues.ToPlain(map) is not IReadOnlyDictionary<string, object?> fields
                || fields.GetValueOrDefault("name") is not string entityName || entityName.Length == 0)
                return Fail(file, (int)item.Start.Line, (int)item.Start.Column, $"every entry of '{listKey}' needs a name");
            entities.Add(new CatalogEntity(entityName, fields, (int)item.Start.Line));
        }
        return new CatalogParseResult.Parsed(new CatalogDocument(source, listKey, entities.ToImmutable()));
    }

    private static CatalogParseResult Fail(string file, int line, int column, string message) =>
        new CatalogParseResult.Failed([new ValidationError(file, line, column, "", message)]);
}
