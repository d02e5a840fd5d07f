using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GitOps.Benchmarks.Git;

/// <summary>A short job run inside the benchmark process (cheap, and comparable with the figures recorded so far). Jobs can
/// run out of process too (the project is <c>GitOps.Benchmarks.csproj</c>, named like its assembly, as BenchmarkDotNet's
/// default toolchain requires): add one on the command line, see docs/PERFORMANCE.md "How to run".</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortInProcessJobAttribute(int warmupCount, int iterationCount) : Attribute, IConfigSource
{
    public int WarmupCount => warmupCount;

    public int IterationCount => iterationCount;

    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(
        Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(warmupCount)
            .WithIterationCount(iterationCount)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId($"ShortInProcess({warmupCount}w,{iterationCount}i)"));
}
