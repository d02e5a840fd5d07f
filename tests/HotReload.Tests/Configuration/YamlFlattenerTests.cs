using GitOps.HotReload.Configuration;

namespace GitOps.HotReload.Tests.Configuration;

public sealed class YamlFlattenerTests
{
    [Fact]
    public void BlockScalarsQuotesAndNestedSequences_AreRead()
    {
        var keys = Flatten("""
            ---
            text: |
              line one
              line two
            folded: >-
              a
              b
            quoted: 'it''s'
            escaped: "tab\there"
            empty:
            nothing: ~
            flow: {a: 1, b: "two"}
            list:
            - plain
            - key: v
              other: w
            -
              - nested
            """);

        Assert.Equal("line one\nline two\n", keys["text"]);
        Assert.Equal("a b", keys["folded"]);
        Assert.Equal("it's", keys["quoted"]);
        Assert.Equal("tab\there", keys["escaped"]);
        Assert.Null(keys["empty"]);
        Assert.Null(keys["nothing"]);
        Assert.Equal("two", keys["flow:b"]);
        Assert.Equal("plain", keys["list:0"]);
        Assert.Equal("v", keys["list:1:key"]);
        Assert.Equal("w", keys["list:1:other"]);
        Assert.Equal("nested", keys["list:2:0"]);
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "f.yaml: duplicate key 'a'")]
    [InlineData("a: *ref\n", "f.yaml:1: anchors")]
    [InlineData("a:\n  b: 1\n   c: 2\n", "f.yaml:3")]
    [InlineData("--- \na: 1\n---\nb: 2\n", "several YAML documents")]
    [InlineData("just a scalar\n", "single value")]
    public void UnsupportedOrBrokenYaml_IsRefusedNamingFileAndLine(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Flatten(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedLine_IsNamedByLineNumber_WithoutRepeatingItsContent()
    {
        var error = Assert.Throws<FormatException>(() => Flatten("GitOps:\n  Webhooks:\n    GenericSecret s3cr3t-value\n"));

        Assert.Contains("f.yaml:3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Flatten(string yaml)
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        YamlFlattener.Flatten(yaml, "", keys, "f.yaml");
        return keys;
    }
}
