namespace GitOps.HotReload.Tests;

/// <summary>Waits for something the watcher does on its own thread. The bound is generous (a loaded CI machine); speed is
/// measured in tests/Benchmarks, not here.</summary>
internal static class Waiting
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound; // test-only wall clock bound
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }
}
