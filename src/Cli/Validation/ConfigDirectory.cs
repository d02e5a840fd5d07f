namespace GitOps.Cli.Validation;

/// <summary>Reads the files under <c>plugins/</c> of a config repository checkout as repository-relative paths,
/// the same map the server's git store builds from a tree.</summary>
internal static class ConfigDirectory
{
    public static IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Read(string root)
    {
        var files = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var plugins = Path.Combine(root, "plugins");
        if (!Directory.Exists(plugins)) return files;
        foreach (var file in Directory.EnumerateFiles(plugins, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            files[relative] = File.ReadAllBytes(file);
        }
        return files;
    }
}
