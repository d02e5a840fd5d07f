using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

// Usage: GitOps.StoreProbe <data-directory> <seed-folder> [max-commits]
// Prints "ready <head>" once the store is open, then "committed <sha>" after each acknowledged mutation
// (MutateAsync returned Committed, so the commit must survive a kill -9 from here on).
// Usage: GitOps.StoreProbe hold-lock <data-directory> <seed-folder>
// Opens the store, takes the branch's ref lock as a writer does, prints "locked" and waits to be killed.
// Usage: GitOps.StoreProbe crash-in-batch <data-directory> <seed-folder> <writers>
// Commits one mutation, then queues <writers> more behind it as one batch and holds that batch between its flush and
// its branch move: prints "committed <sha>" for the first, "publishing <count> <tip>" for the batch, and waits to be killed.
// Environment STOREPROBE_WRITERS=<n>: n concurrent writers with If-Match: * (group commit batches them).
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
if (args[0] == "crash-in-batch") return await GitOps.StoreProbe.CrashInBatch.RunAsync(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
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
var writers = Environment.GetEnvironmentVariable("STOREPROBE_WRITERS") is { } w ? int.Parse(w, System.Globalization.CultureInfo.InvariantCulture) : 1;
var done = 0;
var loops = Enumerable.Range(0, writers).Select(async _ =>
{
    while (Interlocked.Increment(ref done) <= max)
    {
        // One writer reads the head it changes (If-Match); several use If-Match: * and let group commit batch them.
        var outcome = await store.MutateAsync(Mutations.IncrementCounter(writers == 1 ? store.Current.Head : null));
        if (outcome is not MutationOutcome.Committed committed) throw new InvalidOperationException($"unexpected outcome {outcome}");
        lock (stdout) Say($"committed {committed.Head}");
    }
});
try
{
    await Task.WhenAll(loops);
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
return 0;
