using System.Threading.Channels;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Plugins;

namespace GitOps.WebhookApi.Runtime;

/// <summary>Applies the store's snapshot to the running plugins at start and after every <c>SnapshotChanged</c>.</summary>
/// <remarks>Changes are coalesced: the loop always applies the latest <see cref="GitConfigStore.Current"/>, so a burst
/// of commits causes at most one extra apply. The reconcile job will take this over (and also correct drift).</remarks>
internal sealed partial class SnapshotApplier(GitConfigStore store, PluginHost host, ILogger<SnapshotApplier> logger) : BackgroundService
{
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Applies the current snapshot before the host serves, then follows changes in the background.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        store.SnapshotChanged += OnSnapshotChanged;
        await ApplyAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        store.SnapshotChanged -= OnSnapshotChanged;
        await base.StopAsync(cancellationToken);
    }

    private void OnSnapshotChanged(ConfigSnapshot snapshot) => _changed.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _changed.Reader.WaitToReadAsync(stoppingToken))
            {
                _changed.Reader.TryRead(out _);
                await ApplyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var snapshot = store.Current;
        try
        {
            await host.ApplyAsync(snapshot, cancellationToken);
            LogApplied(logger, snapshot.Head, snapshot.Hash);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogApplyFailed(logger, ex, snapshot.Head);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied snapshot {Head} ({SnapshotHash}) to the running plugins")]
    private static partial void LogApplied(ILogger logger, string head, string snapshotHash);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying snapshot {Head} to the running plugins failed")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string head);
}
