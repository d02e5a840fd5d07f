using System.Threading.Channels;

namespace GitOps.WebhookApi.Drafts;

/// <summary>After every move of the tracked head (and once at start-up), records as Published the drafts whose publish
/// commit is now on it (<see cref="GitOps.Reconciler.Git.Drafts.DraftStore.SettleAsync"/>): a pull-request-mode publish
/// once its pull request is merged, and a publish that was cut off before it recorded itself. Head moves that arrive during
/// a run are coalesced into one more run.</summary>
internal sealed partial class DraftSettler(GitConfigStore store, ILogger<DraftSettler> logger) : BackgroundService
{
    private readonly Channel<bool> _moves = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        store.SnapshotChanged += OnSnapshotChanged;
        _moves.Writer.TryWrite(true);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        store.SnapshotChanged -= OnSnapshotChanged;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _moves.Reader.WaitToReadAsync(stoppingToken))
            {
                _moves.Reader.TryRead(out _);
                try
                {
                    await store.Drafts.SettleAsync(stoppingToken); // each draft recorded is logged by the store
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or InvalidDataException or LibGit2Sharp.LibGit2SharpException)
                {
                    LogFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnSnapshotChanged(ConfigSnapshot snapshot) => _moves.Writer.TryWrite(true);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the drafts against the tracked branch; the next head move tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
