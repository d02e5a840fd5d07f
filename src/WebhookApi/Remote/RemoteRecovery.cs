using System.Threading.Channels;
using GitOps.Reconciler.Git.Remote;

namespace GitOps.WebhookApi.Remote;

/// <summary>Heals degraded mode by itself: while the store is read-only, fetches the remote with exponential backoff
/// (1 s doubling to 30 s) until one reaches it; that fetch flips the store back to read-write and brings in what changed.</summary>
internal sealed partial class RemoteRecovery(RemoteState state, RemoteSync sync, TimeProvider time, ILogger<RemoteRecovery> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly Channel<bool> _degraded = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        state.Changed += OnChanged;
        if (state.IsReadOnly) _degraded.Writer.TryWrite(true);
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        state.Changed -= OnChanged;
        return base.StopAsync(cancellationToken);
    }

    private void OnChanged(RemoteStatus status)
    {
        if (status.Mode == StoreMode.ReadOnly) _degraded.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _degraded.Reader.WaitToReadAsync(stoppingToken))
            {
                _degraded.Reader.TryRead(out _);
                await RecoverAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        var attempt = 0;
        while (state.IsReadOnly)
        {
            await Task.Delay(delay, time, stoppingToken);
            attempt++;
            try
            {
                await sync.FetchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or LibGit2Sharp.LibGit2SharpException)
            {
                LogAttemptFailed(ex, attempt);
            }
            if (!state.IsReadOnly)
            {
                LogRecovered(attempt);
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Remote reachable again after {Attempts} attempts: the store is read-write")]
    private partial void LogRecovered(int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery attempt {Attempt} failed")]
    private partial void LogAttemptFailed(Exception exception, int attempt);
}
