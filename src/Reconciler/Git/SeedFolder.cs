namespace GitOps.Reconciler.Git;

/// <summary>Finds the seed folder: as given (relative to the working directory), else next to the application.</summary>
internal static class SeedFolder
{
    public static string Resolve(string seed)
    {
        if (Directory.Exists(seed)) return Path.GetFullPath(seed);
        var besideApp = Path.Combine(AppContext.BaseDirectory, seed);
        if (Directory.Exists(besideApp)) return besideApp;
        throw new DirectoryNotFoundException($"GitOps:Repository:Seed folder '{seed}' was not found (looked in {Directory.GetCurrentDirectory()} and {AppContext.BaseDirectory})");
    }
}
