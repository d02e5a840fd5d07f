using System.Globalization;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Benchmarks.Git;

/// <summary>A config repository of <c>plugins x filesPerPlugin</c> files (default 100 x 100 = 10,000) for the store
/// benchmarks: each plugin has a sources.yaml with one source and 99 small catalog files. Built with the git command
/// line (fast, not fsync'd), then opened by a real <see cref="GitConfigStore"/>.</summary>
internal sealed class LargeConfigRepo : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-bench");

    public LargeConfigRepo(int plugins = 100, int filesPerPlugin = 100)
    {
        WorkTree = Path.Combine(_directory.Path, "work");
        for (var p = 0; p < plugins; p++)
        {
            var name = Plugin(p);
            var folder = Path.Combine(WorkTree, "plugins", name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "sources.yaml"),
                $"apiVersion: gitops/v1\nplugin: {name}\nsources:\n  - id: main\n    name: Main\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-001.yaml\n");
            for (var f = 1; f < filesPerPlugin; f++)
                File.WriteAllText(Path.Combine(folder, Catalog(f)), CatalogContent(name, f, 0));
        }
        FileCount = plugins * filesPerPlugin;
        Git(WorkTree, "init", "-q", "-b", "main");
        Git(WorkTree, "add", "-A");
        Git(WorkTree, "commit", "-q", "-m", "large repository");
        DataDirectory = Path.Combine(_directory.Path, "data");
        Directory.CreateDirectory(DataDirectory);
        Git(_directory.Path, "clone", "-q", "--bare", WorkTree, Path.Combine(DataDirectory, "repo.git"));
        Store = StoreFactory.Open(DataDirectory, WorkTree);
    }

    public int FileCount { get; }

    /// <summary>A checkout of the first commit (for the <c>git write-tree</c> baseline).</summary>
    public string WorkTree { get; }

    public string DataDirectory { get; }

    public GitConfigStore Store { get; }

    public string TempPath => _directory.Path;

    public static string Plugin(int index) => $"plugin-{index.ToString("000", CultureInfo.InvariantCulture)}";

    public static string Catalog(int index) => $"catalog-{index.ToString("000", CultureInfo.InvariantCulture)}.yaml";

    public static string CatalogContent(string plugin, int file, long version) =>
        $"source: {plugin}\nmodels:\n  - name: {plugin}-model-{file}\n    description: model {file} of {plugin}, version {version}\n    license: apache-2.0\n";

    /// <summary>Runs git in <paramref name="directory"/> (with a fixed identity and no user config); throws on failure.</summary>
    public static string Git(string directory, params string[] arguments) => Git(directory, null, arguments);

    public static string Git(string directory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "bench";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "bench@example.test";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = directory;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error.Result}");
        return output.Result.Trim();
    }

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}
