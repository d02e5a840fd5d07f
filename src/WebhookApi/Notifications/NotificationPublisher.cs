using GitOps.HotReload.Files;
using GitOps.WebhookApi.Events;

namespace GitOps.WebhookApi.Notifications;

/// <summary>Turns every finished reconcile pass into signed change notifications (issue 16) and hands each to every
/// registered <see cref="INotificationSink"/> and to <paramref name="feed"/> (<see cref="ChangeFeed.Publish"/>).</summary>
/// <param name="current">The store's current snapshot (files and source hashes of what was applied).</param>
/// <param name="isLeader">Whether this replica leads now (<see cref="GitOps.Reconciler.Kubernetes.LeaderElection.IsLeader"/>).</param>
/// <remarks>Every replica follows the applied state (so a replica that becomes leader does not announce what the old
/// leader already did); only the leader publishes. The state is saved before the sinks are called: a crash in between
/// loses an event rather than sending it twice with different ids (the retained MQTT message and the next change still
/// tell the truth). Runs on the pass's thread after the pass: signing and queueing only, no network I/O.</remarks>
internal sealed partial class NotificationPublisher(
    INotificationSigner signer,
    IEnumerable<INotificationSink> sinks,
    Action<FeedEvent> feed,
    Func<ConfigSnapshot> current,
    Func<bool> isLeader,
    FileStore<PublishedState> stateFile,
    bool includeFiles,
    TimeProvider time,
    ILogger<NotificationPublisher> logger)
{
    private readonly ImmutableArray<INotificationSink> _sinks = [.. sinks];
    private readonly Lock _lock = new();
    private PublishedState? _state;

    /// <summary>Handles one report; returns what it published (empty when not the leader or nothing changed).</summary>
    public ImmutableArray<SignedNotification> OnPassCompleted(ReconcileReport report) => Publish(ChangeDetector.Pass.From(report));

    public ImmutableArray<SignedNotification> Publish(ChangeDetector.Pass report)
    {
        ImmutableArray<SignedNotification> signed;
        lock (_lock)
        {
            var before = _state ??= LoadState();
            var now = time.GetUtcNow();
            var changes = ChangeDetector.Detect(report, before, current(), includeFiles, now, () => Guid.CreateVersion7(now).ToString());
            if (changes.IsEmpty) return [];
            var plugins = before.Plugins.ToBuilder();
            foreach (var change in changes)
            {
                if (change.After is null) plugins.Remove(change.Notification.Plugin);
                else plugins[change.Notification.Plugin] = change.After;
            }
            _state = new PublishedState(plugins.ToImmutable());
            Save(_state);
            if (!isLeader())
            {
                LogFollowed(logger, changes.Length);
                return [];
            }
            signed = [.. changes.Select(c => NotificationEnvelope.Sign(c.Notification, signer))];
        }
        foreach (var notification in signed)
        {
            foreach (var sink in _sinks) sink.Enqueue(notification);
            feed(new FeedEvent.Notified(notification));
            LogPublished(logger, notification.Event.Plugin, notification.Event.Hash ?? "(none)", notification.Event.Outcome, notification.Event.Id);
        }
        return signed;
    }

    private PublishedState LoadState()
    {
        try
        {
            return stateFile.Load();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // Losing the dedupe state costs one round of repeated events, not a stopped service.
            LogStateUnreadable(logger, ex, stateFile.Path);
            return PublishedState.Empty;
        }
    }

    private void Save(PublishedState state)
    {
        try
        {
            stateFile.Save(state);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogStateNotSaved(logger, ex, stateFile.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification for {Plugin}: hash {Hash}, {Outcome} ({EventId})")]
    private static partial void LogPublished(ILogger logger, string plugin, string hash, string outcome, string eventId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Changes} applied change(s) recorded without publishing: not the leader")]
    private static partial void LogFollowed(ILogger logger, int changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification state {Path} cannot be read; starting from empty (the next pass re-announces every plugin)")]
    private static partial void LogStateUnreadable(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification state {Path} could not be saved; a restart may re-announce these changes")]
    private static partial void LogStateNotSaved(ILogger logger, Exception exception, string path);
}
