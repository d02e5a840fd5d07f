using BenchmarkDotNet.Configs;
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
// B14 publish by parts.
if (args is ["--b14-publish"])
    return await GitOps.Benchmarks.Planning.PublishProfile.RunAsync();
// B14's parts timed one by one.
if (args is ["--b14-profile", ..])
    return await GitOps.Benchmarks.Planning.PlanProfile.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50);
// Issue 19: the store at 10,000 / 100,000 files (start-up read, load, one mutation), on a cached repository (Scale/make-repo.py).
if (args is ["--store-scale", var bare, var data, ..])
    return await GitOps.Benchmarks.Scale.StoreScaleProbe.RunAsync(bare, data,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0);
// Issue 19's search row: the search index against a linear scan of the same 100,000 entities (tests/Benchmarks/Reads).
if (args is ["--b19-search", var seed, ..])
    return await GitOps.Benchmarks.Reads.SearchScan.RunAsync(seed, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
// B1's steps one by one: bytes and µs of each part of one mutation (issue 19).
if (args is ["--b1-profile", ..])
    return await GitOps.Benchmarks.Git.MutationAllocationProfile.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
// Out-of-process jobs (e.g. --runtimes net10.0) build a generated project that references GitOps.Benchmarks.csproj (named like
// the assembly, which BenchmarkDotNet requires); on a loaded machine that build takes longer than its 2-minute default.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15)));
return 0;
