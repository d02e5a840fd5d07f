using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Observability;
using GitOps.Reconciler.Plugins;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// One reconcile pass (DESIGN §6): fetch (when a remote is configured), reload the branch head, plan against the running
/// plugins and (leader only) the ConfigMaps, correct only what drifted, and record the outcome. Passes never overlap,
/// whoever starts them; a pass never throws except for cancellation of its token.
/// </summary>
/// <remarks>
/// Every replica applies snapshots to its own plugins; only the leader reads and writes ConfigMaps. An invalid head is
/// never applied: <see cref="GitConfigStore.Current"/> stays on the last good snapshot and the report says which commit
/// failed and why. Nothing is written when nothing drifted: the ConfigMap target is only listed.
/// </remarks>
public sealed partial class ReconcilePass(
    GitConfigStore store,
    PluginHost host,
    LeaderElection election,
    IConfigMapTarget? configMaps,
    TimeProvider time,
    ILogger<ReconcilePass> logger,
    IRemoteSync? remote = null,
    KubernetesSecretTarget? secrets = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // What this replica last brought each target to, by plugin: tells a change in the repository apart from drift.
    private ImmutableDictionary<string, string> _applied = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
    private ImmutableDictionary<string, string> _written = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
    private volatile ReconcileReport? _last;
    private volatile string? _appliedHead;
    private long _count;

    /// <summary>The last finished pass; null before the first.</summary>
    public ReconcileReport? Last => _last;

    /// <summary>The head whose snapshot the running plugins hold, once a pass applied one (readiness).</summary>
    public string? AppliedHead => _appliedHead;

    /// <summary>How many passes have finished.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Raised after each pass, on the thread that ran it.</summary>
    public event Action<ReconcileReport>? Completed;

    /// <summary>Runs one pass, after the one in progress (if any) has finished.</summary>
    public async Task<ReconcileReport> RunAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync(cancellationToken);
        ReconcileReport report;
        try
        {
            report = await RunCoreAsync(request.Reason, request.Fetch, cancellationToken);
            _last = report;
            Interlocked.Increment(ref _count);
        }
        finally
        {
            _gate.Release();
        }
        GitOpsMetrics.CountReconcile(report.Outcome, report.Duration);
        Completed?.Invoke(report);
        return report;
    }

    public void Dispose() => _gate.Dispose();

    private async Task<ReconcileReport> RunCoreAsync(string reason, bool fetchRequested, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var problems = new List<string>();
        string? attempted = null;
        try
        {
            if (remote is not null && await remote.FetchAsync(cancellationToken) is RemoteFetch.Unreachable unreachable)
                problems.Add($"fetch failed: {unreachable.Reason}");
            else if (remote is null && fetchRequested)
                LogNoRemote(logger, reason);

            store.Reload();
            var desired = store.Current;
            attempted = store.HeadError?.Head ?? desired.Head;
            if (store.HeadError is { } bad)
                problems.Add($"head {bad.Head} is invalid and not applied ({Describe(bad.Errors)}); {desired.Head} stays applied");

            var observed = await ObserveConfigMapsAsync(problems, cancellationToken);
            var running = host.Plugins.ToDictionary(p => p.Key, p => p.Value.AppliedHash, StringComparer.Ordinal);
            var plan = ReconcilePlanner.Plan(desired, running, observed is null ? null : Observation(observed, desired));
            var execution = await ExecuteAsync(plan, desired, observed, cancellationToken);
            problems.AddRange(execution.Problems);
            if (secrets is not null && election.IsLeader && await secrets.SyncAsync(desired, cancellationToken) is { } synced)
            {
                execution = execution with { Actions = execution.Actions.AddRange(synced.Actions) };
                problems.AddRange(synced.Problems);
            }

            if (!execution.PluginFailed)
            {
                _appliedHead = desired.Head;
                GitOpsMetrics.SetSnapshot(desired.Head, desired.Hash);
            }
            var outcome = problems.Count == 0 ? ReconcileOutcome.Succeeded : ReconcileOutcome.Degraded;
            var report = new ReconcileReport(reason, startedAt, time.GetElapsedTime(started), outcome, attempted, _appliedHead,
                desired.Hash, observed is not null, execution.Actions, execution.Plugins, problems.Count == 0 ? null : string.Join("; ", problems));
            Log(report);
            return report;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPassFailed(logger, ex, attempted ?? "");
            return new ReconcileReport(reason, startedAt, time.GetElapsedTime(started), ReconcileOutcome.Failed, attempted, _appliedHead,
                null, false, [], _last?.Plugins ?? [], $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>The managed ConfigMaps, when they are ours to check (Kubernetes on, this replica leads); null otherwise.</summary>
    private async Task<ImmutableSortedDictionary<string, ManagedConfigMap>?> ObserveConfigMapsAsync(List<string> problems, CancellationToken cancellationToken)
    {
        if (configMaps is null || !election.IsLeader)
        {
            // Another replica writes them meanwhile; what we wrote before says nothing about them any more.
            _written = _written.Clear();
            return null;
        }
        switch (await configMaps.ListAsync(cancellationToken))
        {
            case ConfigMapListing.Listed listed:
                return listed.ByPlugin;
            case ConfigMapListing.Unavailable unavailable:
                problems.Add($"ConfigMaps not checked: {unavailable.Reason}");
                return null;
            default:
                throw new InvalidOperationException("unknown ConfigMap listing");
        }
    }

    /// <summary>The hash each ConfigMap really holds: its data's hash, or, when the data is right but the hash annotation
    /// is not, the annotation (so the planner sees that drift too).</summary>
    private static TargetObservation Observation(ImmutableSortedDictionary<string, ManagedConfigMap> listed, ConfigSnapshot desired) =>
        new(listed.ToImmutableDictionary(p => p.Key, p =>
        {
            var want = desired.FindPlugin(p.Key)?.Hash;
            var cm = p.Value;
            return want is null || cm.Matches(want) || cm.ContentHash != want ? cm.ContentHash : cm.AnnotatedHash ?? "";
        }, StringComparer.Ordinal));

    private static string Describe(ImmutableArray<ValidationError> errors) =>
        errors.IsDefaultOrEmpty ? "invalid" : $"{errors.Length} error(s), first: {errors[0].File}:{errors[0].Line}: {errors[0].Message}";

    private void Log(ReconcileReport report)
    {
        var ms = (long)report.Duration.TotalMilliseconds;
        if (report.Outcome != ReconcileOutcome.Succeeded)
            LogDegraded(logger, report.SnapshotHash ?? "", report.AttemptedHead ?? "", report.Actions.Length, ms, report.Error ?? "");
        else if (report.Actions.Length > 0)
            LogReconciled(logger, report.SnapshotHash ?? "", report.AppliedHead ?? "", report.Actions.Length, ms);
        else
            LogInStep(logger, report.SnapshotHash ?? "", report.AppliedHead ?? "", ms);
    }
}
