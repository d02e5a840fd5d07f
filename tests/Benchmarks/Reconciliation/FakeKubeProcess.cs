using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace GitOps.Benchmarks.Reconciliation;

/// <summary>A <see cref="FakeKubeHost"/> child process started from this benchmark exe; closing it ends the child.</summary>
internal sealed class FakeKubeProcess : IDisposable
{
    private readonly Process _process;

    private FakeKubeProcess(Process process, string kubeconfigPath)
    {
        _process = process;
        KubeconfigPath = kubeconfigPath;
    }

    public string KubeconfigPath { get; }

    public static FakeKubeProcess Start(string @namespace)
    {
        // `dotnet GitOps.Benchmarks.dll` or the apphost of `dotnet run`: either way run this assembly with the host flag
        var self = Environment.ProcessPath ?? "dotnet";
        var dotnet = Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var start = new ProcessStartInfo(dotnet, [Assembly.GetExecutingAssembly().Location, FakeKubeHost.Flag, @namespace])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the fake API server process");
        var first = process.StandardOutput.ReadLine();
        if (first is null || !first.StartsWith("kubeconfig ", StringComparison.Ordinal))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"the fake API server process said '{first}'");
        }
        return new FakeKubeProcess(process, first["kubeconfig ".Length..]);
    }

    public void SetLatency(TimeSpan latency) => Ask($"latency {(int)latency.TotalMilliseconds}");

    /// <summary>The child's peak working set so far (VmHWM), in bytes.</summary>
    public long PeakWorkingSet => long.Parse(Ask("peak"), CultureInfo.InvariantCulture);

    private string Ask(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        return _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the fake API server process ended");
    }

    public void Dispose()
    {
        _process.StandardInput.Close(); // the child stops its server and exits
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10))) _process.Kill();
        _process.Dispose();
    }
}
