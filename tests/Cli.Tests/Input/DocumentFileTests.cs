using GitOps.Cli.Input;
using GitOps.Reconciler.Configuration;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Input;

public sealed class DocumentFileTests
{
    [Fact]
    public async Task Read_YamlSource_KeepsPlainScalarTypesAndQuotedStrings()
    {
        using var directory = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(directory.Path, "source.yaml");
        await File.WriteAllTextAsync(file, "id: x\nenabled: false\nproperties:\n  pageSize: 50\n  version: \"1.0\"\n");

        var parsed = Assert.IsType<DocumentResult.Parsed>(DocumentFile.Read(file));

        Assert.Equal("""{"id":"x","enabled":false,"properties":{"pageSize":50,"version":"1.0"}}""", parsed.Document.ToJsonString());
    }

    [Fact]
    public async Task Read_YamlSource_ResolvesScalarsLikeTheServer_AndNeverSendsNonFiniteNumbers()
    {
        using var directory = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(directory.Path, "source.yaml");
        await File.WriteAllTextAsync(file, "name: NaN\nproperties:\n  tagged: !!str 123\n  hex: 0x1F\n  limit: .inf\n");

        var parsed = Assert.IsType<DocumentResult.Parsed>(DocumentFile.Read(file));

        Assert.Equal("""{"name":"NaN","properties":{"tagged":"123","hex":31,"limit":".inf"}}""", parsed.Document.ToJsonString());
    }

    [Fact]
    public async Task Read_BrokenYaml_FailsNamingFileAndLine()
    {
        using var directory = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(directory.Path, "source.yaml");
        await File.WriteAllTextAsync(file, "id: x\nlabels: [a\n");

        var failed = Assert.IsType<DocumentResult.Failed>(DocumentFile.Read(file));

        Assert.StartsWith($"{file}:", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_BillionLaughs_FailsAtTheServersAliasLimit()
    {
        using var directory = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(directory.Path, "source.yaml");
        await File.WriteAllTextAsync(file, TestDocuments.BillionLaughs);

        var failed = Assert.IsType<DocumentResult.Failed>(DocumentFile.Read(file));

        Assert.Contains("over the alias-expansion limit (YamlLimits.MaxAliasExpansions)", failed.Message);
    }

    [Fact]
    public async Task Read_FileOverTheSizeLimit_FailsWithoutParsing()
    {
        using var directory = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(directory.Path, "source.yaml");
        await File.WriteAllTextAsync(file, "id: x\nname: " + new string('a', 200) + "\n");

        var failed = Assert.IsType<DocumentResult.Failed>(DocumentFile.Read(file, new YamlLimits(100, 64, 10_000)));

        Assert.Contains("over the size limit of 100 bytes", failed.Message);
    }

    [Theory]
    [InlineData("deep.yaml", "nesting is deeper than the depth limit of 64 levels")]
    [InlineData("deep.json", "depth")]
    public async Task Read_NestingDeeperThanTheServerAllows_Fails(string name, string message)
    {
        using var directory = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(directory.Path, name);
        await File.WriteAllTextAsync(file, (name.EndsWith(".yaml", StringComparison.Ordinal) ? "labels: " : "") + new string('[', 100) + new string(']', 100));

        var failed = Assert.IsType<DocumentResult.Failed>(DocumentFile.Read(file));

        Assert.Contains(message, failed.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("source.yaml", "id: a\nid: b\n")]
    [InlineData("source.json", "{\"id\": \"a\", \"id\": \"b\"}")]
    public async Task Read_DuplicateKeys_FailsNamingTheKey(string name, string text)
    {
        using var directory = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(directory.Path, name);
        await File.WriteAllTextAsync(file, text);

        var failed = Assert.IsType<DocumentResult.Failed>(DocumentFile.Read(file));

        Assert.Contains("id", failed.Message);
        Assert.Contains("duplicate", failed.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_MissingFile_FailsWithCannotRead()
    {
        var failed = Assert.IsType<DocumentResult.Failed>(DocumentFile.Read("/nonexistent/source.yaml"));

        Assert.Contains("cannot read", failed.Message, StringComparison.Ordinal);
    }
}
