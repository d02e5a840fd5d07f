using System.Diagnostics;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>The node scripts of <c>Graph/node</c>, run from an npm cache folder (<c>$XDG_CACHE_HOME/gitops-npm/graphql</c>)
/// where their pinned packages are installed at test time (never committed).</summary>
public static class NodeScripts
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string Folder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "gitops-npm", "graphql");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, params string[] arguments)
    {
        await PrepareAsync();
        return await ExecAsync("node", [Path.Combine(Folder, script), .. arguments]);
    }

    private static async Task PrepareAsync()
    {
        await Gate.WaitAsync();
        try
        {
            Directory.CreateDirectory(Folder);
            var source = Path.Combine(AppContext.BaseDirectory, "Graph", "node");
            var manifest = await File.ReadAllTextAsync(Path.Combine(source, "package.json"));
            var installed = Path.Combine(Folder, "package.json");
            var stale = !File.Exists(installed) || await File.ReadAllTextAsync(installed) != manifest
                || !File.Exists(Path.Combine(Folder, "node_modules", "graphql-sse", "package.json"));
            foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)), overwrite: true);
            if (!stale) return;
            var (code, output, error) = await ExecAsync("npm", ["install", "--no-audit", "--no-fund", "--prefix", Folder]);
            Assert.True(code == 0, $"npm install failed ({code}): {output}\n{error}");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<(int, string, string)> ExecAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }
}
