using BenchmarkDotNet.Running;
using GitOps.Benchmarks.Reconciliation;

// B5 runs the fake Kubernetes API server in a child process of this exe (see FakeKubeHost).
if (args is [FakeKubeHost.Flag, var ns]) return await FakeKubeHost.RunAsync(ns);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
