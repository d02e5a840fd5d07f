using System.Collections;
using System.Text;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Commands;

/// <summary><c>gitops validate</c> checks every file of a plugin folder, not only the ones a source refers to
/// (issue 11: a billion-laughs file, a NUL byte or <c>evil.sh</c> was called valid).</summary>
public sealed class ValidatePluginFilesTests
{
    public static TheoryData<string, byte[], string> BadFiles()
    {
        var laughs = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var c = 'b'; c <= 'j'; c++) laughs.Append(c).Append(": &").Append(c).Append(" [").AppendJoin(", ", Enumerable.Repeat("*" + (char)(c - 1), 9)).Append("]\n");
        return new()
        {
            { "bomb.yaml", Encoding.UTF8.GetBytes(laughs.ToString()), "alias-expansion limit" },
            { "nul.yaml", "a: b\0c\n"u8.ToArray(), "NUL byte" },
            { "latin1.yaml", [0x61, 0x3A, 0x20, 0xE9, 0x0A], "not valid UTF-8" },
            { "two.yaml", "a: 1\n---\nb: 2\n"u8.ToArray(), "only one YAML document" },
            { "evil.sh", "#!/bin/sh\n"u8.ToArray(), "only YAML files" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Validate_WithABadFileNoSourceRefersTo_ExitsOneNamingTheFile(string name, byte[] content, string reason)
    {
        using var copy = new TempDirectory("gitops-cli-validate-files");
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.ExamplesRepo, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(RepositoryRoot.ExamplesRepo, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        await File.WriteAllBytesAsync(Path.Combine(copy.Path, "plugins", "models", name), content);

        var result = await CliRun.RunAsync(new Hashtable(), "validate", copy.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"plugins/models/{name}:", result.Out, StringComparison.Ordinal);
        Assert.Contains(reason, result.Out, StringComparison.Ordinal);
    }
}
