using System.Text.Json.Nodes;
using GitOps.WebhookApi.Runtime;

namespace GitOps.WebhookApi.Tests.Runtime;

public sealed class SourceJsonTests
{
    [Fact]
    public void MergePatch_NullRemovesObjectsMergeOthersReplace()
    {
        var target = JsonNode.Parse("""{"a":1,"p":{"x":1,"y":2},"l":[1,2]}""");
        var patch = JsonNode.Parse("""{"a":null,"p":{"y":3,"z":4},"l":[9]}""");

        var merged = SourceJson.MergePatch(target, patch);

        Assert.Equal("""{"p":{"x":1,"y":3,"z":4},"l":[9]}""", merged!.ToJsonString());
    }

    [Fact]
    public void Read_FullSource_ReadsEveryField()
    {
        var node = JsonNode.Parse("""
            {"id":"s1","name":"S","type":"yaml","enabled":false,"labels":["l"],
             "properties":{"yamlCatalogPath":"c.yaml","n":3,"nested":{"k":[true,1.5]}},"include":["a*"],"exclude":["*b"]}
            """);

        var source = Assert.IsType<SourceJsonResult.Parsed>(SourceJson.Read(node)).Source;

        Assert.Equal(("s1", "S", "yaml", false), (source.Id, source.Name, source.Type, source.Enabled));
        Assert.Equal("c.yaml", source.Properties["yamlCatalogPath"]);
        Assert.Equal(3L, source.Properties["n"]);
        Assert.Equal(["a*"], source.Include.ToArray());
        Assert.Equal(["*b"], source.Exclude.ToArray());
    }

    [Theory]
    [InlineData("""{"id":"x"}""", "'type' is required")]
    [InlineData("""{"type":"yaml","include":"a*"}""", "'include' must be a list of strings")]
    [InlineData("""{"type":"yaml","enabled":"yes"}""", "'enabled' must be true or false")]
    [InlineData("""[1]""", "JSON object")]
    public void Read_InvalidBody_SaysWhy(string json, string expected) =>
        Assert.Contains(expected, Assert.IsType<SourceJsonResult.Invalid>(SourceJson.Read(JsonNode.Parse(json))).Message, StringComparison.Ordinal);
}
