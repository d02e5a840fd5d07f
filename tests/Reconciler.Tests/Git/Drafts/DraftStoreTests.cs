using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Drafts;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git.Drafts;

/// <summary>Drafts on a real repository: branches, metadata in git, edits with compare-and-swap, approvals, publish.</summary>
public sealed class DraftStoreTests : IDisposable
{
    private static readonly CommitAuthor Bob = new("bob", "bob@example.com");
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    private DraftInfo Create(string name, string? start = null) =>
        Assert.IsType<DraftOutcome.Done>(_t.Store.Drafts.Create("Raise the counter", name, start, Mutations.Alice)).Draft;

    private async Task<MutationOutcome.Committed> EditDraft(string id, string? expectedHead, params (string Path, string? Content)[] files) =>
        Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(Mutations.SetFiles(expectedHead, "draft edit", files) with { Draft = id }));

    private async Task<string> CommitOnBranch(params (string Path, string? Content)[] files) =>
        Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(Mutations.SetFiles(_t.Store.Current.Head, "branch edit", files))).Head;

    [Fact]
    public async Task EditInADraft_MovesOnlyTheDraftBranch_AndIsValidated()
    {
        var head = _t.BranchHead();
        var draft = Create("raise");
        Assert.Equal(head, draft.Head);
        Assert.Equal(head, GitCli.Run(_t.GitDirectory, "rev-parse", "refs/heads/drafts/raise"));

        var edit = await EditDraft("raise", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(7)));

        Assert.Equal(edit.Head, GitCli.Run(_t.GitDirectory, "rev-parse", "refs/heads/drafts/raise"));
        Assert.Equal(head, _t.BranchHead());
        Assert.Equal(head, _t.Store.Current.Head);
        var stale = await _t.Store.MutateAsync(Mutations.SetFiles(draft.Head, "stale", (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(8))) with { Draft = "raise" });
        Assert.Equal(edit.Head, Assert.IsType<MutationOutcome.HeadMoved>(stale).Current);
        var invalid = await _t.Store.MutateAsync(Mutations.SetFiles(null, "broken", (ConfigRepoSeed.ModelsSources, "plugin: [")) with { Draft = "raise" });
        Assert.IsType<MutationOutcome.Invalid>(invalid);
        var read = Assert.IsType<SnapshotResult.Valid>(_t.Store.Drafts.ReadHead("raise"));
        Assert.Equal(edit.Head, read.Snapshot.Head);
        var info = _t.Store.Drafts.Get("raise")!;
        Assert.Equal([edit.Head], info.Commits.Select(c => c.Sha));
        Assert.Equal("models", Assert.Single(info.Plugins));
    }

    [Fact]
    public async Task DraftsAndApprovals_AreInGit_AndSurviveReopening()
    {
        var draft = Create("kept");
        var edit = await EditDraft("kept", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(3)));
        Assert.IsType<DraftOutcome.Done>(_t.Store.Drafts.Approve("kept", Bob));

        using var reopened = _t.OpenSecond();
        var read = reopened.Drafts.Get("kept")!;

        Assert.Equal(DraftState.Open, read.Record.State);
        Assert.Equal(edit.Head, read.Head);
        Assert.Equal("alice@gitops.local", read.Record.Author.Email);
        var approval = Assert.Single(read.ValidApprovals);
        Assert.Equal("bob@example.com", approval.Email);
        Assert.Contains("draft.json", GitCli.Run(_t.GitDirectory, "ls-tree", "--name-only", "refs/gitops/drafts/kept"), StringComparison.Ordinal);
        Assert.DoesNotContain("draft", GitCli.Run(_t.GitDirectory, "ls-tree", "-r", "--name-only", "refs/heads/main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvals_SelfApprovalRefused_SameHeadKeptOnce_VoidAfterTheHeadMoves()
    {
        var draft = Create("approved");

        var self = Assert.IsType<DraftOutcome.Forbidden>(_t.Store.Drafts.Approve("approved", Mutations.Alice with { Name = "Alice again" }));
        Assert.True(self.SelfApproval);
        Assert.IsType<DraftOutcome.Done>(_t.Store.Drafts.Approve("approved", Bob));
        Assert.False(Assert.IsType<DraftOutcome.Done>(_t.Store.Drafts.Approve("approved", Bob)).Changed);
        Assert.Single(_t.Store.Drafts.Get("approved")!.Record.Approvals);

        await EditDraft("approved", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(5)));

        Assert.Empty(_t.Store.Drafts.Get("approved")!.ValidApprovals);
        var missing = Assert.IsType<DraftOutcome.ApprovalsMissing>(await _t.Store.Drafts.PublishAsync("approved", null, Mutations.Alice, "r1", 1, default));
        Assert.Equal(1, missing.Missing);
    }

    [Fact]
    public async Task Publish_AfterTheBranchMovedOnOtherFiles_RebasesIntoOneCommitWithTrailers()
    {
        var draft = Create("rebased");
        await EditDraft("rebased", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(9)));
        await EditDraft("rebased", null, ("plugins/models/notes.yaml", "note: two commits\n"));
        Assert.IsType<DraftOutcome.Done>(_t.Store.Drafts.Approve("rebased", Bob));
        var moved = await CommitOnBranch(("plugins/mcp/servers.yaml", "mcp_servers:\n  - name: fetch\n"));

        var published = Assert.IsType<DraftOutcome.Published>(await _t.Store.Drafts.PublishAsync("rebased", null, Mutations.Alice, "req-1", 1, default));

        Assert.Equal(published.Commit, _t.BranchHead());
        Assert.Equal(published.Commit, _t.Store.Current.Head);
        Assert.Equal(moved, GitCli.Run(_t.GitDirectory, "rev-parse", $"{published.Commit}^"));
        Assert.NotEqual(0, GitCli.TryRun(_t.GitDirectory, "rev-parse", "--verify", "--quiet", $"{published.Commit}^2").ExitCode);
        var message = GitCli.Run(_t.GitDirectory, "log", "-1", "--format=%B", published.Commit);
        Assert.StartsWith("Raise the counter\n", message, StringComparison.Ordinal);
        Assert.Contains("Draft: rebased", message, StringComparison.Ordinal);
        Assert.Contains("Approved-By: bob <bob@example.com>", message, StringComparison.Ordinal);
        Assert.Contains("counter-9", GitCli.Run(_t.GitDirectory, "show", $"{published.Commit}:{ConfigRepoSeed.CounterPath}"), StringComparison.Ordinal);
        Assert.Contains("fetch", GitCli.Run(_t.GitDirectory, "show", $"{published.Commit}:plugins/mcp/servers.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain("files", GitCli.Run(_t.GitDirectory, "show", $"{published.Commit}:plugins/mcp/servers.yaml"), StringComparison.Ordinal);
        Assert.Equal(DraftState.Published, published.Draft.Record.State);
        Assert.Equal(published.Commit, _t.Store.Drafts.Get("rebased")!.Record.Published!.Commit);
        Assert.IsType<DraftOutcome.Closed>(await _t.Store.Drafts.PublishAsync("rebased", null, Mutations.Alice, "req-2", 0, default));
    }

    [Fact]
    public async Task Publish_WhenTheBranchChangedTheSameFile_IsAConflictAndWritesNothing()
    {
        var draft = Create("overlap");
        var edit = await EditDraft("overlap", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(11)));
        var moved = await CommitOnBranch((ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(12)));

        var conflict = Assert.IsType<DraftOutcome.Conflict>(await _t.Store.Drafts.PublishAsync("overlap", edit.Head, Mutations.Alice, "r", 0, default));

        Assert.Equal(ConfigRepoSeed.CounterPath, Assert.Single(conflict.Files));
        Assert.Equal(edit.Head, conflict.DraftHead);
        Assert.Equal(moved, conflict.BranchHead);
        Assert.Equal(moved, _t.BranchHead());
        Assert.Equal(DraftState.Open, _t.Store.Drafts.Get("overlap")!.Record.State);
    }

    [Fact]
    public async Task TwoPublishesAtOnce_OneWins_TheOtherFindsTheDraftClosed()
    {
        var draft = Create("race");
        var edit = await EditDraft("race", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(21)));
        var before = _t.BranchHead();

        var outcomes = await Task.WhenAll(
            Task.Run(() => _t.Store.Drafts.PublishAsync("race", edit.Head, Mutations.Alice, "a", 0, default)),
            Task.Run(() => _t.Store.Drafts.PublishAsync("race", edit.Head, Bob, "b", 0, default)));

        var won = Assert.Single(outcomes.OfType<DraftOutcome.Published>());
        Assert.Single(outcomes.OfType<DraftOutcome.Closed>());
        Assert.Equal(before, GitCli.Run(_t.GitDirectory, "rev-parse", $"{won.Commit}^"));
        Assert.Equal(won.Commit, _t.BranchHead());
    }


    [Fact]
    public async Task Settle_RecordsTheDraftsWhosePublishCommitReachedTheBranch_AndOnlyThose()
    {
        var merged = Create("merged");
        var waiting = Create("waiting");
        await EditDraft("merged", merged.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(41)));
        await EditDraft("waiting", waiting.Head, ("plugins/mcp/servers.yaml", "mcp_servers:\n  - name: files\n"));
        Assert.Empty(await _t.Store.Drafts.SettleAsync(default));
        // A pull request of draft "merged" lands on the branch (its commit carries the trailer), then another commit.
        var landed = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(
            Mutations.SetFiles(_t.Store.Current.Head, "Raise the counter", (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(41)))
                with { Trailers = [new CommitTrailer("Draft", "merged")] }));
        await CommitOnBranch(("plugins/models/team.yaml", "source: team\nmodels:\n  - name: only-one\n"));

        Assert.Equal(["merged"], (await _t.Store.Drafts.SettleAsync(default)).ToList());

        var recorded = _t.Store.Drafts.Get("merged")!;
        Assert.Equal(DraftState.Published, recorded.Record.State);
        Assert.Equal(landed.Head, recorded.Record.Published!.Commit);
        Assert.Equal(Mutations.Alice.Email, GitCli.Run(_t.GitDirectory, "log", "-1", "--format=%ae", "refs/gitops/drafts/merged"));
        Assert.Equal(DraftState.Open, _t.Store.Drafts.Get("waiting")!.Record.State);
        Assert.Empty(await _t.Store.Drafts.SettleAsync(default));
    }

    [Fact]
    public async Task Settle_OnItsFirstRun_ReadsEachOpenDraftsCommitsSinceItsBase()
    {
        var draft = Create("before-restart");
        await EditDraft("before-restart", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(51)));
        var landed = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(
            Mutations.SetFiles(_t.Store.Current.Head, "Raise the counter", (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(51)))
                with { Trailers = [new CommitTrailer("Draft", "before-restart")] }));

        using var restarted = _t.OpenSecond();

        Assert.Equal(["before-restart"], (await restarted.Drafts.SettleAsync(default)).ToList());
        Assert.Equal(landed.Head, restarted.Drafts.Get("before-restart")!.Record.Published!.Commit);
    }

    [Fact]
    public async Task APublishThatStoppedAfterItsCommit_IsRecordedByTheNextPublish_WithoutASecondCommit()
    {
        var draft = Create("crashed");
        var edit = await EditDraft("crashed", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(31)));
        // What a publish leaves when the process dies between its commit on the branch and its metadata update: the
        // commit with the draft's trailer on the branch, and the draft still Open.
        var landed = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(
            Mutations.SetFiles(_t.Store.Current.Head, "Raise the counter", (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(31)))
                with { Trailers = [new CommitTrailer("Draft", "crashed")] }));
        await CommitOnBranch(("plugins/mcp/servers.yaml", "mcp_servers:\n  - name: fetch\n"));
        var head = _t.BranchHead();
        Assert.Equal(DraftState.Open, _t.Store.Drafts.Get("crashed")!.Record.State);

        var retried = await _t.Store.Drafts.PublishAsync("crashed", edit.Head, Mutations.Alice, "retry", 0, default);

        var closed = Assert.IsType<DraftOutcome.Closed>(retried);
        Assert.Equal(DraftState.Published, closed.Draft.Record.State);
        Assert.Equal(landed.Head, closed.Draft.Record.Published!.Commit);
        Assert.Equal(head, _t.BranchHead());
        Assert.Equal(landed.Head, _t.Store.Drafts.Get("crashed")!.Record.Published!.Commit);
    }
    [Fact]
    public async Task Abandon_KeepsTheBranchUnderArchive_AndClosesTheDraft()
    {
        var draft = Create("dropped");
        var edit = await EditDraft("dropped", draft.Head, (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(31)));

        Assert.IsType<DraftOutcome.Forbidden>(_t.Store.Drafts.Abandon("dropped", Bob, isAdmin: false));
        var abandoned = Assert.IsType<DraftOutcome.Done>(_t.Store.Drafts.Abandon("dropped", Mutations.Alice, isAdmin: false)).Draft;

        Assert.Equal(DraftState.Abandoned, abandoned.Record.State);
        Assert.Equal("archive/drafts/dropped", abandoned.Branch);
        Assert.Equal(edit.Head, GitCli.Run(_t.GitDirectory, "rev-parse", "refs/heads/archive/drafts/dropped"));
        Assert.Equal("", GitCli.Run(_t.GitDirectory, "for-each-ref", "refs/heads/drafts/"));
        Assert.Equal(edit.Head, _t.Store.Drafts.Get("dropped")!.Head);
        Assert.IsType<DraftOutcome.Closed>(_t.Store.Drafts.RefuseWrite("dropped"));
        Assert.IsType<MutationOutcome.Rejected>(await _t.Store.MutateAsync(Mutations.SetFiles(null, "late", (ConfigRepoSeed.CounterPath, "x: 1\n")) with { Draft = "dropped" }));
        Assert.IsType<DraftOutcome.Closed>(await _t.Store.Drafts.PublishAsync("dropped", null, Mutations.Alice, "r", 0, default));
        Assert.IsType<DraftOutcome.Exists>(_t.Store.Drafts.Create("Again", "dropped", null, Mutations.Alice));
        Assert.Single(_t.Store.Drafts.List(DraftState.Abandoned));
        Assert.Empty(_t.Store.Drafts.List(DraftState.Open));
    }

    [Fact]
    public async Task RevertInADraft_CommitsOnTheDraftBranchOnly()
    {
        var changed = await CommitOnBranch((ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(41)));
        var draft = Create("reverting");

        var request = Mutations.SetFiles(draft.Head, "revert in a draft") with { Draft = "reverting" };
        var reverted = Assert.IsType<MutationOutcome.Committed>(await _t.Store.RevertAsync(changed, request));

        Assert.Equal(changed, _t.BranchHead());
        Assert.Equal(reverted.Head, GitCli.Run(_t.GitDirectory, "rev-parse", "refs/heads/drafts/reverting"));
        Assert.Contains("counter-0", GitCli.Run(_t.GitDirectory, "show", $"{reverted.Head}:{ConfigRepoSeed.CounterPath}"), StringComparison.Ordinal);
        Assert.StartsWith("Revert \"branch edit\"", GitCli.Run(_t.GitDirectory, "log", "-1", "--format=%s", reverted.Head), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a..b")]
    [InlineData("slash/inside")]
    [InlineData("ends.lock")]
    [InlineData("-dash")]
    [InlineData("tilde~1")]
    public void Create_WithANameThatIsNoRefComponent_IsRefusedAndWritesNothing(string name)
    {
        Assert.IsType<DraftOutcome.InvalidName>(_t.Store.Drafts.Create("Title", name, null, Mutations.Alice));
        Assert.Equal("", GitCli.Run(_t.GitDirectory, "for-each-ref", "refs/heads/drafts/", "refs/gitops/"));
    }

    [Fact]
    public void Create_WithoutAName_UsesASlugOfTheTitle_AndAnUnknownBaseIsRefused()
    {
        var draft = Assert.IsType<DraftOutcome.Done>(_t.Store.Drafts.Create("Raise timeouts!", null, null, Mutations.Alice)).Draft;

        Assert.Matches("^raise-timeouts-[0-9a-f]{6}$", draft.Id);
        Assert.IsType<DraftOutcome.UnknownBase>(_t.Store.Drafts.Create("T", "other", "0123456789abcdef0123456789abcdef01234567", Mutations.Alice));
    }
}
