using System.Text;
using GitOps.Reconciler.Configuration;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration;

/// <summary>Every file in a plugin folder, whether or not a source refers to it, passes the YAML limits and shape
/// checks, and only YAML files may live there (issue 11: a bomb committed unreferenced exploded later).</summary>
public sealed class PluginFileRulesTests
{
    private const string Sources = """
        apiVersion: gitops/v1
        plugin: models
        sources:
          - id: org
            name: Organization
            type: yaml
            properties:
              yamlCatalogPath: org.yaml
        """;

    public static string BillionLaughs()
    {
        var text = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var c = 'b'; c <= 'j'; c++)
        {
            var previous = (char)(c - 1);
            text.Append(c).Append(": &").Append(c).Append(" [").AppendJoin(", ", Enumerable.Repeat("*" + previous, 9)).Append("]\n");
        }
        return text.ToString();
    }

    public static TheoryData<string, byte[], string> Unreferenced() => new()
    {
        { "bomb.yaml", Encoding.UTF8.GetBytes(BillionLaughs()), "alias-expansion limit" },
        { "broken.yaml", "a: [unclosed\n"u8.ToArray(), "YAML syntax error" },
        { "latin1.yaml", [0x61, 0x3A, 0x20, 0xE9, 0x0A], "not valid UTF-8" },
        { "nul.yaml", "a: b\0c\n"u8.ToArray(), "NUL byte" },
        { "two.yaml", "a: 1\n---\nb: 2\n"u8.ToArray(), "only one YAML document" },
        { "deep.yaml", Encoding.UTF8.GetBytes(new string('[', 80) + new string(']', 80)), "depth limit" },
        { "evil.sh", "#!/bin/sh\nrm -rf /\n"u8.ToArray(), "only YAML files" },
        { "README.md", "# notes\n"u8.ToArray(), "only YAML files" },
        { "catalog.json", "{\"models\": []}"u8.ToArray(), "only YAML files" },
    };

    [Theory]
    [MemberData(nameof(Unreferenced))]
    public void Build_WithABadFileNoSourceRefersTo_IsInvalidNamingTheFile(string name, byte[] content, string reason)
    {
        var tree = Models(Sources);
        tree[$"plugins/models/{name}"] = content;

        var error = Assert.Single(Errors(tree));

        Assert.Equal($"plugins/models/{name}", error.File);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithAGoodUnreferencedYamlFile_IsValid()
    {
        var tree = Models(Sources, ("notes.yml", "owner: team-a\n"));
        Assert.Contains("notes.yml", Valid(tree).Plugins["models"].Files.Keys);
    }

    [Fact]
    public void Build_WithACatalogNotNamedYaml_IsRefusedByName()
    {
        var tree = Models(Sources.Replace("org.yaml", "org.json", StringComparison.Ordinal), ("org.json", Catalog));
        var error = Assert.Single(Errors(tree));
        Assert.Equal("plugins/models/org.json", error.File);
        Assert.Contains("only YAML files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithInvalidUtf8InSourcesYaml_NamesTheByteOffset()
    {
        var tree = Models(Sources);
        tree["plugins/models/sources.yaml"] = Encoding.UTF8.GetBytes(Sources).Concat(new byte[] { 0x0A, 0x23, 0x20, 0xFF }).ToArray();
        var error = Assert.Single(Errors(tree));
        Assert.Equal("plugins/models/sources.yaml", error.File);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Line);
    }

    [Theory]
    [InlineData("x.yaml", true)]
    [InlineData("x.yml", true)]
    [InlineData(".yaml", false)]
    [InlineData("x.YAML", false)]
    [InlineData("x.yaml.bak", false)]
    [InlineData("x", false)]
    public void NameProblem_AllowsOnlyYamlEndings(string name, bool allowed) =>
        Assert.Equal(allowed, PluginFileRules.NameProblem(name) is null);
}
