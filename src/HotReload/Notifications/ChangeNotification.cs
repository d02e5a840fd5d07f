namespace GitOps.HotReload.Notifications;

/// <summary>One applied change of one plugin (or one pass outcome transition): the event the service signs and every
/// notification sink sends (issue 16, payload schema <c>"v": 1</c>), and what a verified message carries. The service
/// deduplicates on (<see cref="Plugin"/>, <see cref="Hash"/>, <see cref="Outcome"/>).</summary>
/// <param name="Id">The event id (unique; receivers use it to drop replays and at-least-once duplicates).</param>
/// <param name="Plugin">The plugin whose applied state changed.</param>
/// <param name="Commit">The commit whose snapshot was applied.</param>
/// <param name="Hash">The plugin hash now applied; null when the plugin was removed.</param>
/// <param name="PreviousHash">The plugin hash applied before; null when the plugin is new.</param>
/// <param name="ChangedSources">Source ids whose configuration changed with this event.</param>
/// <param name="Outcome">The pass outcome for this plugin (<c>Succeeded</c>, <c>Degraded</c>, <c>Failed</c>).</param>
/// <param name="Time">When the change was applied.</param>
/// <param name="Files">The plugin's files (path → text) for consumers off Kubernetes; null unless the sink asks for them.
/// Never holds decrypted secrets.</param>
public record ChangeNotification(
    string Id,
    string Plugin,
    string Commit,
    string? Hash,
    string? PreviousHash,
    ImmutableArray<string> ChangedSources,
    string Outcome,
    DateTimeOffset Time,
    ImmutableSortedDictionary<string, string>? Files);
