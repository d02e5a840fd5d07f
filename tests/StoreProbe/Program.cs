using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

// Usage: GitOps.StoreProbe <data-directory> <seed-folder> [max-commits]
// Prints "ready <head>" once the store is open, then "committed <sha>" after each acknowledged mutation
// (MutateAsync returned Committed, so the commit must survive a kill -9 from here on).
// Usage: GitOps.StoreProbe hold-lock <data-directory> <seed-folder>
// Opens the store, takes the branch's ref lock as a writer does, prints "locked" and waits to be killed.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: GitOps.StoreProbe [hold-lock] <data-directory> <seed-folder> [max-commits]");
    return 2;
}
if (args[0] == "hold-lock")
{
    using var opened = StoreFactory.Open(args[1], args[2]);
    using var held = RefLockHolder.Hold(opened.RepositoryPath, opened.Branch, opened.Current.Head);
    Console.Out.WriteLine("locked");
    Console.Out.Flush();
    await Task.Delay(Timeout.Infinite);
    return 0;
}
var max = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
// The fault suite restarts the probe right after killing it: a ref lock its predecessor left must count as stale at once.
var staleLockAfter = Environment.GetEnvironmentVariable("STOREPROBE_STALE_LOCK_MS") is { } ms
    ? TimeSpan.FromMilliseconds(int.Parse(ms, System.Globalization.CultureInfo.InvariantCulture))
    : (TimeSpan?)null;
using var store = StoreFactory.Open(args[0], args[1], staleLockAfter: staleLockAfter);
var stdout = Console.OpenStandardOutput();
void Say(string line)
{
    var bytes = System.Text.Encoding.ASCII.GetBytes(line + "\n");
    stdout.Write(bytes);
    stdout.Flush();
}
Say($"ready {store.Current.Head}");
for (var i = 0; i < max; i++)
{
    var outcome = await store.MutateAsync(Mutations.IncrementCounter(store.Current.Head));
    if (outcome is not MutationOutcome.Committed committed)
    {
        Console.Error.WriteLine($"unexpected outcome {outcome}");
        return 1;
    }
    Say($"committed {committed.Head}");
}
return 0;
