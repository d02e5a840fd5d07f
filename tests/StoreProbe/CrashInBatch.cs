using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.StoreProbe;

/// <summary>The probe's <c>crash-in-batch</c> mode: a batch of writers is written and flushed and then held before its
/// branch move, for the test to kill the process there (none of the batch may count as acknowledged).</summary>
internal static class CrashInBatch
{
    public static async Task<int> RunAsync(string data, string seed, int writers)
    {
        using var publisher = new GatedPublisher();
        using var store = StoreFactory.Open(data, seed, publisher: publisher);
        var stdout = Console.OpenStandardOutput();
        void Say(string line)
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(line + "\n");
            lock (stdout)
            {
                stdout.Write(bytes);
                stdout.Flush();
            }
        }
        publisher.OnPublish = pending => { if (pending.Commits > 1) Say($"publishing {pending.Commits} {pending.Commit}"); };
        Say($"ready {store.Current.Head}");
        var first = store.MutateAsync(Mutations.SetFiles(null, "models: first", ("plugins/models/first.yaml", "models: []\n")));
        await publisher.StartedAsync();
        var batch = Enumerable.Range(0, writers)
            .Select(i => store.MutateAsync(Mutations.SetFiles(null, $"models: note {i}", ($"plugins/models/note-{i}.yaml", "models: []\n"))))
            .Select(async task => { if (await task is MutationOutcome.Committed c) Say($"committed {c.Head}"); })
            .ToList();
        publisher.Release(); // the first goes on; the batch queued behind it is held at its own publish
        if (await first is MutationOutcome.Committed one) Say($"committed {one.Head}");
        await Task.WhenAll(batch); // never ends: the batch's publish is held until the kill
        return 0;
    }
}
