using GitOps.Reconciler.Git.Drafts;

namespace GitOps.Reconciler.Git;

public sealed partial class GitConfigStore
{
    private DraftStore? _drafts;

    /// <summary>Drafts (docs/DRAFTS.md): branches <c>drafts/&lt;id&gt;</c> edited, approved and published through this store.</summary>
    public DraftStore Drafts => LazyInitializer.EnsureInitialized(ref _drafts,
        () => new DraftStore(this, _repository, _writer, _options.StaleLockAfter, _time, _logger));
}
