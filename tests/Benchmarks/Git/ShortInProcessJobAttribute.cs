using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GitOps.Benchmarks.Git;

/// <summary>A short job run inside the benchmark process. In-process because BenchmarkDotNet's default toolchain looks for
/// a project named like the assembly (<c>GitOps.Benchmarks</c>), and this project is <c>Benchmarks.csproj</c>.</summary>
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
