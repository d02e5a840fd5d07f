using BenchmarkDotNet.Running;
using GitOps.Benchmarks.Reconciliation;

// B5 runs the fake Kubernetes API server in a child process of this exe (see FakeKubeHost).
if (args is [FakeKubeHost.Flag, var ns]) return await FakeKubeHost.RunAsync(ns);
// B10's memory figure alone, in a fresh process: dotnet GitOps.Benchmarks.dll --b10-memory
if (args is ["--b10-memory"])
{
    using var root = new GitOps.TestSupport.Hosting.TempDirectory("b10-memory");
    GitOps.Benchmarks.HotReload.WatchedDirectoryMemory.Print(root.Path);
    return 0;
}
// B12's MQTT part: commit → verified MQTT message vs commit → applied, from the same commits (issue 16).
if (args is ["--b12-mqtt", ..])
    return await GitOps.Benchmarks.Notifications.MqttLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
if (args is ["--verify-cpu", ..])
    return GitOps.Benchmarks.Notifications.NotificationVerifyBenchmark.PrintCpuTime(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000);
// B12's webhook part: 8 subscribers, one slow; the p95 delivery time of the other seven (issue 16).
if (args is ["--b12-webhooks", ..])
    return await GitOps.Benchmarks.Notifications.WebhookFanOut.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
// B1's steps one by one: bytes and µs of each part of one mutation (issue 19).
if (args is ["--b1-profile", ..])
    return await GitOps.Benchmarks.Git.MutationAllocationProfile.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
