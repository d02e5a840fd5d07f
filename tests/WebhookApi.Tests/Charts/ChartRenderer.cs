using System.Diagnostics;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>Renders charts/gitops-reconciler with the workspace's helm-render tool (Helm's template engine, offline).</summary>
internal static class ChartRenderer
{
    public static string ChartDirectory => Path.Combine(RepositoryRoot.Path, "charts", "gitops-reconciler");

    public static string HaValuesFile => Path.Combine(RepositoryRoot.Path, "tests", "WebhookApi.Tests", "Charts", "values-ha.yaml");

    /// <summary>The renderer: <c>shared/</c> sits beside the checkout in CI (and beside /work/main); worktrees sit one level deeper.</summary>
    public static string RenderTool
    {
        get
        {
            string[] candidates =
            [
                Path.Combine(RepositoryRoot.Path, "..", "shared", "tools", "helm-render", "render"),
                Path.Combine(RepositoryRoot.Path, "..", "..", "shared", "tools", "helm-render", "render"),
            ];
            return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"helm-render not found; looked at {string.Join(", ", candidates.Select(Path.GetFullPath))}");
        }
    }

    /// <summary>Renders with the chart's values.yaml overlaid by <paramref name="valuesFiles"/> in order.</summary>
    public static async Task<RenderResult> RenderAsync(params string[] valuesFiles)
    {
        var start = new ProcessStartInfo(RenderTool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ChartDirectory);
        foreach (var file in valuesFiles) start.ArgumentList.Add(file);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The first run builds the tool from Debian's Go packages; later runs take milliseconds.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new RenderResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Renders and fails the test with the tool's error when rendering does not succeed.</summary>
    public static async Task<RenderedChart> RenderSuccessfullyAsync(params string[] valuesFiles)
    {
        var result = await RenderAsync(valuesFiles);
        Assert.True(result.ExitCode == 0, $"render failed ({result.ExitCode}): {result.Error}");
        return RenderedChart.Load(result.Output);
    }

    /// <summary>Writes a values file into <paramref name="directory"/> and returns its path.</summary>
    public static string WriteValues(TempDirectory directory, string yaml)
    {
        var path = Path.Combine(directory.Path, $"values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}

internal sealed record RenderResult(int ExitCode, string Output, string Error);
