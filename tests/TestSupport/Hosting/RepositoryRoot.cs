namespace GitOps.TestSupport.Hosting;

/// <summary>Locates the checkout (the folder holding GitOps.sln) and build outputs from a test's bin folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string ExamplesRepo => System.IO.Path.Combine(Path, "examples", "repo");

    /// <summary>The built WebhookApi assembly for the configuration the tests were built in.</summary>
    public static string WebhookApiDll => System.IO.Path.Combine(Path, "src", "WebhookApi", "bin", Configuration, "net10.0", "GitOps.WebhookApi.dll");

    /// <summary>The built CLI assembly for the configuration the tests were built in.</summary>
    public static string CliDll => System.IO.Path.Combine(Path, "src", "Cli", "bin", Configuration, "net10.0", "gitops.dll");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "GitOps.sln"))) return dir.FullName;
        throw new InvalidOperationException($"GitOps.sln not found above {AppContext.BaseDirectory}");
    }
}
