using System.Text;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Configuration;

/// <summary>Builds in-memory config trees for the configuration tests.</summary>
internal static class ConfigFiles
{
    public const string Catalog = """
        source: Organization AI
        models:
          - name: granite-8b-code-instruct
            provider: IBM
          - name: granite-3.1-8b-preview
            provider: IBM
        """;

    public static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static Dictionary<string, ReadOnlyMemory<byte>> Tree(params (string Path, string Content)[] files) =>
        files.ToDictionary(f => f.Path, f => Bytes(f.Content), StringComparer.Ordinal);

    /// <summary>A models plugin whose sources.yaml is <paramref name="sources"/>, with the catalogs it may refer to.</summary>
    public static Dictionary<string, ReadOnlyMemory<byte>> Models(string sources, params (string Name, string Content)[] extra)
    {
        var tree = Tree(("plugins/models/sources.yaml", sources), ("plugins/models/org.yaml", Catalog));
        foreach (var (name, content) in extra) tree[$"plugins/models/{name}"] = Bytes(content);
        return tree;
    }

    /// <summary>Builds the tree and returns its errors (asserting that it is invalid).</summary>
    public static IReadOnlyList<ValidationError> Errors(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> tree, SnapshotBuilder? builder = null) =>
        Assert.IsType<SnapshotResult.Invalid>((builder ?? new SnapshotBuilder()).Build(tree)).Errors;

    public static ConfigSnapshot Valid(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> tree, SnapshotBuilder? builder = null)
    {
        var result = (builder ?? new SnapshotBuilder()).Build(tree);
        if (result is SnapshotResult.Invalid invalid) Assert.Fail(string.Join("\n", invalid.Errors));
        return Assert.IsType<SnapshotResult.Valid>(result).Snapshot;
    }

    /// <summary>Reads a folder on disk as repository-relative paths with '/' separators.</summary>
    public static Dictionary<string, ReadOnlyMemory<byte>> FromDisk(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f).Replace('\\', '/'),
            f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f),
            StringComparer.Ordinal);

    public static void AssertError(ValidationError error, string file, int line, int column, string field, string messagePart)
    {
        Assert.Equal(file, error.File);
        Assert.Equal(field, error.Field);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}
