using GitOps.Cli.Input;
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
    public void Read_MissingFile_FailsWithCannotRead()
    {
        var failed = Assert.IsType<DocumentResult.Failed>(DocumentFile.Read("/nonexistent/source.yaml"));

        Assert.Contains("cannot read", failed.Message, StringComparison.Ordinal);
    }
}
