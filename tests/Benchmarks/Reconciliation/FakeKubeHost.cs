using System.Diagnostics;
using System.Globalization;
using GitOps.TestSupport.Kubernetes;

namespace GitOps.Benchmarks.Reconciliation;

/// <summary>
/// The benchmark exe in <c>--fake-kube-server</c> mode: runs the fake Kubernetes API server in a process of its own, so that
/// the measured process holds only the service side. Prints <c>kubeconfig &lt;path&gt;</c>, then answers commands on stdin
/// (<c>latency &lt;ms&gt;</c>, <c>peak</c>) until stdin closes.
/// </summary>
internal static class FakeKubeHost
{
    public const string Flag = "--fake-kube-server";

    public static async Task<int> RunAsync(string @namespace)
    {
        await using var kube = await FakeKubeApiServer.StartAsync(@namespace);
        await Console.Out.WriteLineAsync($"kubeconfig {kube.KubeconfigPath}");
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts)
            {
                case ["latency", var ms]:
                    kube.Faults.Latency = TimeSpan.FromMilliseconds(int.Parse(ms, CultureInfo.InvariantCulture));
                    await Console.Out.WriteLineAsync("ok");
                    break;
                case ["peak"]:
                    using (var self = Process.GetCurrentProcess())
                        await Console.Out.WriteLineAsync(self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    await Console.Out.WriteLineAsync($"unknown command: {line}");
                    break;
            }
            await Console.Out.FlushAsync();
        }
        return 0;
    }
}
