using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>A change that would leave no plugin at all (issue 11: reverting the seed commit emptied the configuration
/// with a 201) is refused unless the caller confirms it.</summary>
public sealed class RemoveEveryPluginTests : IDisposable
{
    private readonly TestStore _t = new();

    [Fact]
    public async Task RevertOfTheSeedCommit_WithoutConfirmation_IsRefusedAndWritesNothing()
    {
        var head = _t.Store.Current.Head;

        var outcome = await _t.Store.RevertAsync(head, head, Mutations.Alice, null, "req");

        var rejected = Assert.IsType<MutationOutcome.Rejected>(outcome);
        Assert.Equal(RejectionKind.ConfirmationRequired, rejected.Kind);
        Assert.Contains("removes every plugin", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(head, _t.Store.Current.Head);
    }

    [Fact]
    public async Task RevertOfTheSeedCommit_WithConfirmation_EmptiesTheConfiguration()
    {
        var head = _t.Store.Current.Head;

        var outcome = await _t.Store.RevertAsync(head, head, Mutations.Alice, null, "req", confirmRemovingEveryPlugin: true);

        Assert.IsType<MutationOutcome.Committed>(outcome);
        Assert.Empty(_t.Store.Current.Plugins);
    }

    public void Dispose() => _t.Dispose();
}
