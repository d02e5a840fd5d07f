using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>A push to a slow remote (a <c>pre-receive</c> hook holding it up to 2 s, on a real <c>git daemon</c>) happens
/// between "commit written" and "branch moved" without the repository lock: reads, history and reloads answer while it
/// is in flight.</summary>
public sealed class SlowPushTests() : SeededRemoteTests("gitops-slow-push-seed")
{
    [Fact]
    public async Task Mutate_WhileThePushIsHeldByTheRemote_SnapshotHistoryCommitAndReloadAnswerBeforeItEnds()
    {
        using var replica = await RemoteStore.OpenAsync(Remote.Scratch("a"), Remote.Url, Seed);
        var start = replica.Store.Current.Head;
        var slow = SlowPushHook.Install(Remote.GitDirectory, TimeSpan.FromSeconds(2));

        var mutation = replica.Store.MutateAsync(Mutations.IncrementCounter(start));
        await slow.StartedAsync();

        var current = replica.Store.Current;
        var history = replica.Store.HistoryWithNote(new HistoryQuery(Limit: 10));
        var seedCommit = replica.Store.GetCommit(start);
        var reloaded = replica.Store.Reload();
        var pushStillInFlight = !mutation.IsCompleted;
        slow.Release();
        var committed = Assert.IsType<MutationOutcome.Committed>(await mutation);

        Assert.True(pushStillInFlight, "the reads waited for the push to end");
        Assert.Equal(start, current.Head);
        Assert.Equal(start, Assert.Single(history.Entries).Sha);
        Assert.Equal(start, seedCommit?.Entry.Sha);
        Assert.Equal(start, Assert.IsType<SnapshotResult.Valid>(reloaded).Snapshot.Head);
        Assert.Equal(committed.Head, Remote.Head());
        Assert.Equal(committed.Head, replica.Store.Current.Head);
    }

    [Fact]
    public async Task TwoMutations_WhileTheFirstPushIsHeld_EachIsExactlyOneCommit_InOrder()
    {
        using var replica = await RemoteStore.OpenAsync(Remote.Scratch("a"), Remote.Url, Seed);
        var start = replica.Store.Current.Head;
        var slow = SlowPushHook.Install(Remote.GitDirectory, TimeSpan.FromSeconds(2));

        var first = replica.Store.MutateAsync(Mutations.IncrementCounter(null));
        await slow.StartedAsync();
        var second = replica.Store.MutateAsync(Mutations.SetFiles(null, "models: add notes", ("plugins/models/notes.yaml", "models: []\n")));
        var secondWaited = !second.IsCompleted;
        slow.Release();

        var one = Assert.IsType<MutationOutcome.Committed>(await first);
        var two = Assert.IsType<MutationOutcome.Committed>(await second);
        Assert.True(secondWaited);
        Assert.Equal(start, one.PreviousHead);
        Assert.Equal(one.Head, two.PreviousHead);
        Assert.Equal([two.Head, one.Head, start], Remote.Log());
        Assert.Equal(two.Head, replica.Store.Current.Head);
    }
}
