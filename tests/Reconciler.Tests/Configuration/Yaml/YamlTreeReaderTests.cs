using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Configuration.Yaml;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration.Yaml;

public sealed class YamlTreeReaderTests
{
    private const string File = "plugins/models/org.yaml";

    private static ValidationError Failure(string yaml, YamlLimits? limits = null) =>
        Assert.IsType<YamlReadResult.Failed>(YamlTreeReader.Read(File, Bytes(yaml), limits ?? YamlLimits.Default)).Error;

    /// <summary>The classic "billion laughs": nine levels of ten aliases, 10^9 strings when expanded.</summary>
    private static string BillionLaughs()
    {
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        return text.ToString();
    }

    [Fact]
    public void Read_BillionLaughs_FailsAtTheAliasOverTheBudget()
    {
        var error = Failure(BillionLaughs());
        Assert.Equal(File, error.File);
        Assert.Contains("over the alias-expansion limit (YamlLimits.MaxAliasExpansions)", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than 10000 nodes", error.Message, StringComparison.Ordinal);
        // a0 has 11 nodes, a1 = 111, a2 = 1111, a3 = 11111: the 10,000 budget runs out inside a3's line
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Parse_BillionLaughsAsCatalog_IsRefusedWithTheLimit()
    {
        var failed = Assert.IsType<CatalogParseResult.Failed>(CatalogParser.Parse(File, Bytes(BillionLaughs() + "models: []\n"), YamlLimits.Default));
        Assert.Contains("YamlLimits.MaxAliasExpansions", Assert.Single(failed.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithAliasesWithinBudget_SharesTheAnchoredNode()
    {
        var result = Assert.IsType<YamlReadResult.Read>(YamlTreeReader.Read(File, Bytes("base: &b {x: 1}\ncopy: *b\n"), YamlLimits.Default));
        var root = Assert.IsType<MappingNode>(result.Root);
        Assert.Same(root.Find("base"), root.Find("copy"));
        Assert.Equal(1 + 2 * (1 + 3), root.Size);
    }

    [Fact]
    public void Read_WithUndefinedAlias_NamesIt()
    {
        var error = Failure("a: *nowhere\n");
        Assert.Equal((1, 4), (error.Line, error.Column));
        Assert.Contains("*nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NestedDeeperThanTheLimit_FailsWithTheDepthLimit()
    {
        var yaml = new string('[', 100_000) + new string(']', 100_000);
        var error = Failure(yaml);
        Assert.Equal((1, 65), (error.Line, error.Column));
        Assert.Equal("nesting is deeper than the depth limit of 64 levels (YamlLimits.MaxDepth)", error.Message);
    }

    [Fact]
    public void Read_NestedBlockMappingsDeeperThanACustomLimit_Fails()
    {
        var yaml = string.Concat(Enumerable.Range(0, 6).Select(i => new string(' ', i * 2) + $"k{i}:\n")) + new string(' ', 12) + "v: 1\n";
        var error = Failure(yaml, YamlLimits.Default with { MaxDepth = 5 });
        Assert.Equal(6, error.Line);
        Assert.Contains("depth limit of 5 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileOverTheSizeLimit_FailsBeforeParsing()
    {
        var error = Failure("models:\n" + new string('#', 2000), YamlLimits.Default with { MaxBytes = 1024 });
        Assert.Equal((File, 1, 1, ""), (error.File, error.Line, error.Column, error.Field));
        Assert.Equal("file is 2008 bytes, over the size limit of 1024 bytes (YamlLimits.MaxBytes)", error.Message);
    }

    [Fact]
    public void Build_WithSourcesFileOverTheSizeLimit_NamesTheLimit()
    {
        var builder = new SnapshotBuilder(YamlLimits.Default with { MaxBytes = 64 });
        var error = Assert.Single(Errors(Models("apiVersion: gitops/v1\nplugin: models\nsources: []\n" + new string('#', 100)), builder));
        AssertError(error, "plugins/models/sources.yaml", 1, 1, "", "(YamlLimits.MaxBytes)");
    }

    [Fact]
    public void Read_WithTwoDocuments_IsRefused()
    {
        var error = Failure("a: 1\n---\nb: 2\n");
        Assert.Equal(2, error.Line);
        Assert.Contains("only one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithComplexKey_IsRefused()
    {
        Assert.Contains("mapping keys must be scalars", Failure("? [a, b]\n: c\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RecordsLineAndColumnOfEveryNode()
    {
        var root = Assert.IsType<MappingNode>(Assert.IsType<YamlReadResult.Read>(YamlTreeReader.Read(File, Bytes("a:\n  - x\n  - {b: 2}\n"), YamlLimits.Default)).Root);
        var list = Assert.IsType<SequenceNode>(root.Find("a"));
        Assert.Equal((2, 3), (list.Line, list.Column));
        Assert.Equal((2, 5), (list.Items[0].Line, list.Items[0].Column));
        var inner = Assert.IsType<MappingNode>(list.Items[1]);
        Assert.Equal((3, 5), (inner.Line, inner.Column));
        Assert.Equal((3, 9), (inner.Find("b")!.Line, inner.Find("b")!.Column));
    }
}
