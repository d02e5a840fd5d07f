using System.Diagnostics;
using System.Text.Json;
using GitOps.Reconciler.Configuration;
using GitOps.TestSupport.HotReload;
using GitOps.TestSupport.Hosting;

namespace GitOps.HotReload.Tests.Examples;

/// <summary>examples/consumer as a real process reading a kubelet-style mount of a plugin's ConfigMap.</summary>
public sealed class ExampleConsumerTests
{
    [Fact]
    public async Task Consumer_ServesThePluginsConfigMap_FollowsASwap_AndKeepsServingThroughAnInvalidOne()
    {
        using var mount = new TempDirectory("consumer-mount");
        var volume = new KubeletVolume(mount.Path);
        var models = PluginFiles("models");
        volume.Write(models);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ExampleConsumerProcess.Dll, "--urls", $"http://127.0.0.1:{port}", "--Consumer:MountPath", mount.Path }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var first = await ExampleConsumerProcess.WaitForAsync(http, body => body.GetProperty("plugin").GetString() == "models", "the consumer serves the expected content");
            // The hash the consumer reports is the reconciler's plugin hash (the ConfigMap's gitops.reconciler/hash).
            Assert.Equal(ContentHash.Of(models.ToDictionary(f => f.Key, f => (ReadOnlyMemory<byte>)System.Text.Encoding.UTF8.GetBytes(f.Value))), first.GetProperty("hash").GetString());
            Assert.Equal(3, first.GetProperty("sources").GetArrayLength());

            var changed = new Dictionary<string, string>(models) { ["sources.yaml"] = models["sources.yaml"].Replace("pageSize: 50", "pageSize: 64", StringComparison.Ordinal) };
            volume.Write(changed);
            var second = await ExampleConsumerProcess.WaitForAsync(http, body => body.GetProperty("config").GetProperty("pageSize").GetString() == "64", "the consumer serves the expected content");

            volume.Write(new Dictionary<string, string>(models) { ["sources.yaml"] = "apiVersion: gitops/v2\nplugin: models\n" });
            // Staleness turns positive only once the consumer has read and refused the update.
            var third = await ExampleConsumerProcess.WaitForAsync(http, body => body.GetProperty("stalenessSeconds").GetDouble() > 0, "the consumer serves the expected content");
            Assert.Equal(second.GetProperty("hash").GetString(), third.GetProperty("hash").GetString());
            Assert.Equal("64", third.GetProperty("config").GetProperty("pageSize").GetString());
        }
        finally
        {
            await ChildProcesses.KillAndDisposeAsync(process);
        }
    }

    private static Dictionary<string, string> PluginFiles(string plugin) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.ExamplesRepo, "plugins", plugin)).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
}
