using GitOps.Reconciler.Configuration;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration;

public sealed class CatalogParserTests
{
    private const string File = "plugins/models/org.yaml";

    /// <summary>An entry in the shape of the Kubeflow Model Registry sample catalogs.</summary>
    private const string Kubeflow = """
        source: Red Hat
        models:
          - name: granite-8b-code-instruct
            provider: IBM
            description: |-
              Granite-8B-Code-Instruct is a 8B parameter model fine tuned from
              Granite-8B-Code-Base on a combination of permissively licensed instruction data.
            readme: |
              # Granite-8B-Code-Instruct

              **Model Summary:**
              Granite code models are instruction-tuned.

              ```python
              model = AutoModelForCausalLM.from_pretrained(model_path, device_map=device)
              ```
            language: ["ar", "cs", "de", "en"]
            license: apache-2.0
            licenseLink: https://www.apache.org/licenses/LICENSE-2.0.txt
            maturity: Generally Available
            libraryName: transformers
            tasks:
              - text-generation
            createTimeSinceEpoch: "1733514949000"
            lastUpdateTimeSinceEpoch: "1734637721000"
            logo: data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=
            customProperties:
              size:
                metadataType: MetadataStringValue
                string_value: "8B"
              validated:
                metadataType: MetadataBoolValue
                bool_value: true
            artifacts:
              - uri: oci://registry.redhat.io/rhelai1/granite-8b-code-instruct:1.3-1732870892
                createTimeSinceEpoch: "1733514949000"
                customProperties:
                  source:
                    metadataType: MetadataStringValue
                    string_value: "registry.redhat.io"
          - name: mistral-7b-instruct
            provider: Mistral AI
            released: 2024-05-22T10:00:00Z
        """;

    private static CatalogDocument Parsed(string yaml) =>
        Assert.IsType<CatalogParseResult.Parsed>(CatalogParser.Parse(File, Bytes(yaml), YamlLimits.Default)).Document;

    private static ValidationError SingleError(string yaml) =>
        Assert.Single(Assert.IsType<CatalogParseResult.Failed>(CatalogParser.Parse(File, Bytes(yaml), YamlLimits.Default)).Errors);

    [Fact]
    public void Parse_KubeflowCatalog_LoadsUnchanged()
    {
        var document = Parsed(Kubeflow);
        Assert.Equal(("Red Hat", "models"), (document.Source, document.ListKey));
        Assert.Equal(["granite-8b-code-instruct", "mistral-7b-instruct"], document.Entities.Select(e => e.Name));
        var granite = document.Entities[0];
        Assert.Equal(3, granite.Line);
        Assert.StartsWith("# Granite-8B-Code-Instruct\n\n**Model Summary:**\n", (string)granite.Fields["readme"]!, StringComparison.Ordinal);
        Assert.EndsWith("device_map=device)\n```\n", (string)granite.Fields["readme"]!, StringComparison.Ordinal);
        Assert.EndsWith("instruction data.", (string)granite.Fields["description"]!, StringComparison.Ordinal);
        Assert.Equal("1733514949000", granite.Fields["createTimeSinceEpoch"]);
        Assert.StartsWith("data:image/svg+xml;base64,", (string)granite.Fields["logo"]!, StringComparison.Ordinal);
        Assert.Equal(["ar", "cs", "de", "en"], Assert.IsAssignableFrom<IReadOnlyList<object?>>(granite.Fields["language"]));
        var properties = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(granite.Fields["customProperties"]);
        var size = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(properties["size"]);
        Assert.Equal(("MetadataStringValue", "8B"), (size["metadataType"], size["string_value"]));
        Assert.Equal(true, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(properties["validated"])["bool_value"]);
        var artifact = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<object?>>(granite.Fields["artifacts"])));
        Assert.Equal("oci://registry.redhat.io/rhelai1/granite-8b-code-instruct:1.3-1732870892", artifact["uri"]);
        Assert.Equal("2024-05-22T10:00:00Z", document.Entities[1].Fields["released"]);
    }

    [Fact]
    public void Parse_EntityFields_SerializeToJsonAsTheyAre()
    {
        var entity = Parsed("models:\n  - name: a\n    tags: [x, 2]\n    props: {ok: true, ratio: 0.5, none: null}\n    a1: 1\n    a2: 2\n    a3: 3\n    a4: 4\n    a5: 5\n    a6: 6\n    a7: 7\n").Entities[0];
        Assert.Equal("""{"name":"a","tags":["x",2],"props":{"ok":true,"ratio":0.5,"none":null},"a1":1,"a2":2,"a3":3,"a4":4,"a5":5,"a6":6,"a7":7}""",
            System.Text.Json.JsonSerializer.Serialize<object>(entity.Fields));
        Assert.Equal(7L, entity.Fields["a7"]);
        Assert.False(entity.Fields.ContainsKey("a8"));
    }

    [Fact]
    public void Parse_WithAliasInsideEntities_ResolvesIt()
    {
        var document = Parsed("models:\n  - name: a\n    license: &lic {name: apache-2.0}\n  - name: b\n    license: *lic\n");
        Assert.Same(document.Entities[0].Fields["license"], document.Entities[1].Fields["license"]);
    }

    [Fact]
    public void Parse_EntitiesWithTheSameKeys_KeepTheirOwnValues()
    {
        var keys = string.Join("\n", Enumerable.Range(0, 10).Select(k => $"    k{k}: v{k}"));
        var document = Parsed($"models:\n  - name: a\n{keys.Replace(": v", ": a", StringComparison.Ordinal)}\n  - name: b\n{keys}\n  - k1: c\n    name: c\n");
        Assert.Equal(["a", "b", "c"], document.Entities.Select(e => e.Name));
        Assert.Equal("a3", document.Entities[0].Fields["k3"]);
        Assert.Equal("v3", document.Entities[1].Fields["k3"]);
        Assert.Equal(["name", .. Enumerable.Range(0, 10).Select(k => $"k{k}")], document.Entities[1].Fields.Keys);
        Assert.Equal(["k1", "name"], document.Entities[2].Fields.Keys);
        Assert.Equal("c", document.Entities[2].Fields["k1"]);
        Assert.False(document.Entities[2].Fields.ContainsKey("k3"));
    }

    [Fact]
    public void Parse_WithByteOrderMark_ReadsTheCatalog()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Bytes("models:\n  - name: a\n").ToArray()).ToArray();
        var parsed = Assert.IsType<CatalogParseResult.Parsed>(CatalogParser.Parse(File, bytes, YamlLimits.Default));
        var entity = Assert.Single(parsed.Document.Entities);
        Assert.Equal(("a", 2), (entity.Name, entity.Line));
    }

    [Fact]
    public void Parse_WithInvalidUtf8_IsRefusedNamingWhere()
    {
        // Issue 11: invalid bytes used to become U+FFFD silently; every YAML file must be valid UTF-8.
        var bytes = Bytes("models:\n  - name: a").ToArray().Concat(new byte[] { 0xFF, (byte)'\n' }).ToArray();
        var error = Assert.Single(Assert.IsType<CatalogParseResult.Failed>(CatalogParser.Parse(File, bytes, YamlLimits.Default)).Errors);
        AssertError(error, File, 2, 12, "", "not valid UTF-8 (first invalid byte at offset 19)");
    }

    [Fact]
    public void Parse_WithDuplicateKeyInEntity_NamesIt()
    {
        AssertError(SingleError("models:\n  - name: a\n    name: b\n"), File, 3, 5, "name", "duplicate key 'name'");
    }

    [Fact]
    public void Parse_WithOtherListKey_UsesIt()
    {
        var document = Parsed("mcp_servers:\n  - name: github\n    tools: [{name: search}]\n");
        Assert.Null(document.Source);
        Assert.Equal("mcp_servers", document.ListKey);
        Assert.Equal("github", Assert.Single(document.Entities).Name);
    }

    [Fact]
    public void Parse_WithEmptyList_HasNoEntities()
    {
        Assert.Empty(Parsed("source: x\nentities: []\n").Entities);
    }

    [Fact]
    public void Parse_WithEntityWithoutName_NamesTheEntry()
    {
        AssertError(SingleError("models:\n  - name: a\n  - name: \"\"\n"), File, 3, 5, "models[1].name", "every entity needs a name");
    }

    [Fact]
    public void Parse_WithEntityNotAMapping_NamesTheEntry()
    {
        AssertError(SingleError("models:\n  - just-a-string\n"), File, 2, 5, "models[0]", "expected a mapping with a name");
    }

    [Fact]
    public void Parse_WithTwoLists_IsRefused()
    {
        AssertError(SingleError("models: [{name: a}]\nmcp_servers: [{name: b}]\n"), File, 2, 1, "mcp_servers", "more than one entity list ('models' and 'mcp_servers')");
    }

    [Fact]
    public void Parse_WithNoList_SaysSo()
    {
        AssertError(SingleError("source: x\n"), File, 1, 1, "", "no list of entities found");
    }

    [Fact]
    public void Parse_WithUnexpectedField_NamesIt()
    {
        AssertError(SingleError("source: x\nversion: 2\nmodels: []\n"), File, 2, 1, "version", "unexpected field");
    }

    [Fact]
    public void Parse_WithSourceNotAString_NamesTheField()
    {
        AssertError(SingleError("source: [a]\nmodels: []\n"), File, 1, 9, "source", "expected a string");
    }
}
