using System.Text.Json.Nodes;
using GitOps.Reconciler.Configuration;
using GitOps.WebhookApi.Sources;

namespace GitOps.WebhookApi.Tests.Sources;

/// <summary>The one source dialect (<see cref="SourceJson"/>), read the same for writes and dry runs.</summary>
public sealed class SourceJsonTests
{
    private static readonly SourceConfig Existing = new("s1", "S", "yaml", true, ["l"],
        new Dictionary<string, object?> { ["yamlCatalogPath"] = "c.yaml", ["limit"] = double.PositiveInfinity }, ["a*"], []);

    [Fact]
    public void Read_FullSource_ReadsEveryField()
    {
        var node = JsonNode.Parse("""
            {"id":"s1","name":"S","type":"yaml","enabled":false,"labels":["l"],
             "properties":{"yamlCatalogPath":"c.yaml","n":3,"nested":{"k":[true,1.5]}},"include":["a*"],"exclude":["*b"]}
            """);

        var source = Assert.IsType<SourceRead.Parsed>(SourceJson.Read(node)).Source;

        Assert.Equal(("s1", "S", "yaml", false), (source.Id, source.Name, source.Type, source.Enabled));
        Assert.Equal("c.yaml", source.Properties["yamlCatalogPath"]);
        Assert.Equal(3L, source.Properties["n"]);
        Assert.Equal(["a*"], source.Include.ToArray());
        Assert.Equal(["*b"], source.Exclude.ToArray());
    }

    [Fact]
    public void ReadNew_WithoutId_NamesTheSourceDryRun()
    {
        var source = Assert.IsType<SourceRead.Parsed>(SourceJson.ReadNew(JsonNode.Parse("""{"type":"yaml"}"""))).Source;

        Assert.Equal((SourceJson.DryRunId, SourceJson.DryRunId), (source.Id, source.Name));
    }

    [Theory]
    [InlineData("""{"id":"x"}""", "type", "'type' is required")]
    [InlineData("""{"type":"yaml","colour":"red"}""", "colour", "unknown field 'colour'")]
    [InlineData("""{"type":"yaml","labels":null}""", "labels", "must not be null")]
    public void Read_InvalidSource_NamesTheField(string json, string field, string expected)
    {
        var invalid = Assert.IsType<SourceRead.Invalid>(SourceJson.ReadNew(JsonNode.Parse(json)));

        Assert.Contains(invalid.Errors, e => e.Field == field && e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":"yaml","include":"a*"}""", "$.include")]
    [InlineData("""{"type":"yaml","enabled":"yes"}""", "$.enabled")]
    [InlineData("""[1]""", "$")]
    public void Read_WrongJsonKind_IsMalformedAtItsPath(string json, string path) =>
        Assert.Equal(path, Assert.IsType<SourceRead.Malformed>(SourceJson.ReadNew(JsonNode.Parse(json))).Path);

    [Fact]
    public void Patch_MergesOverTheSourceAndKeepsPropertiesItDoesNotTouch()
    {
        var patched = Assert.IsType<SourceRead.Parsed>(SourceJson.Patch(Existing, JsonNode.Parse("""{"exclude":["b*"],"labels":null}""")!.AsObject())).Source;

        Assert.Equal(["b*"], patched.Exclude.ToArray());
        Assert.Empty(patched.Labels);
        Assert.Equal(double.PositiveInfinity, patched.Properties["limit"]);
    }

    [Fact]
    public void Patch_ChangingTheId_IsRefusedOnTheIdField()
    {
        var invalid = Assert.IsType<SourceRead.Invalid>(SourceJson.Patch(Existing, JsonNode.Parse("""{"id":"s2"}""")!.AsObject()));

        Assert.Equal("id", Assert.Single(invalid.Errors).Field);
    }
}
