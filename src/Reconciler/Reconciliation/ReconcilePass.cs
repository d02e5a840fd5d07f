using GitOps.Reconciler.Git;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Observability;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Reconciliation.Steps;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// One reconcile pass (DESIGN §6) as an ordered list of steps with one signature: fetch (when a remote is configured),
/// read the branch head, observe the ConfigMaps (leader only), plan, apply plugins, write ConfigMaps and Secrets, report.
/// A small loop runs them in order; a step that throws stops the pass (<see cref="ReconcileOutcome.Failed"/>); expected
/// problems are typed values the steps record, and <see cref="Finish"/> is the one place that turns them into the
/// report, the log and the metrics. Passes never overlap, whoever starts them; a pass never throws except for
/// cancellation of its token.
/// </summary>
/// <remarks>
/// Every replica applies snapshots to its own plugins; only the leader reads and writes ConfigMaps. An invalid head is
/// never applied: <see cref="GitConfigStore.Current"/> stays on the last good snapshot and the report says which commit
/// failed and why. Nothing is written when nothing drifted: the ConfigMap target is only listed. Plugins are applied
/// before ConfigMaps are written: this replica serves the new state before consumers outside it are told.
/// </remarks>
/// <param name="metrics">Where passes, drift and the applied snapshot are counted (null: a private registry).</param>
public sealed class ReconcilePass(
    GitConfigStore store,
    PluginHost host,
    LeaderElection election,
    IConfigMapTarget? configMaps,
    TimeProvider time,
    ILogger<ReconcilePass> logger,
    IRemoteSync? remote = null,
    KubernetesSecretTarget? secrets = null,
    GitOpsMetrics? metrics = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly GitOpsMetrics _metrics = metrics ?? new GitOpsMetrics();
    private readonly ImmutableArray<IReconcileStep> _steps =
    [
        new FetchStep(remote, logger),
        new ReadStep(store),
        new ObserveStep(configMaps, election),
        new PlanStep(host),
        new ApplyPluginsStep(host, logger),
        new WriteConfigMapsStep(configMaps, logger),
        new WriteSecretsStep(secrets, election),
        new ReportStep(host),
    ];

    // What this replica last brought each target to: tells a change in the repository apart from drift.
    private AppliedTargets _last = AppliedTargets.None;
    private volatile ReconcileReport? _report;
    private volatile string? _appliedHead;
    private long _count;

    /// <summary>The last finished pass; null before the first.</summary>
    public ReconcileReport? Last => _report;

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
            report = await RunStepsAsync(request, cancellationToken);
            _report = report;
            Interlocked.Increment(ref _count);
        }
        finally
        {
            _gate.Release();
        }
        Completed?.Invoke(report);
        return report;
    }

    public void Dispose() => _gate.Dispose();

    private async Task<ReconcileReport> RunStepsAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var pass = new PassState(request.Reason, request.Fetch, _last);
        foreach (var step in _steps)
        {
            try
            {
                await step.RunAsync(pass, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ReconcileLog.StepFailed(logger, ex, pass.AttemptedHead ?? "", step.Name);
                var failed = new ReconcileReport(request.Reason, startedAt, time.GetElapsedTime(started), ReconcileOutcome.Failed, pass.AttemptedHead,
                    _appliedHead, null, false, [], _report?.Plugins ?? [], [new ReconcileProblem.StepFailed(step.Name, ex.GetType().Name, ex.Message)]);
                _metrics.CountReconcile(failed.Outcome, failed.Duration);
                return failed;
            }
        }
        return Finish(request, pass, startedAt, time.GetElapsedTime(started));
    }

    /// <summary>Keeps what the pass brought the targets to, and renders its typed outcome: the report, the log, the metrics.</summary>
    private ReconcileReport Finish(ReconcileRequest request, PassState pass, DateTimeOffset startedAt, TimeSpan duration)
    {
        var desired = pass.DesiredOrThrow;
        _last = pass.Last;
        if (!pass.PluginFailed)
        {
            _appliedHead = desired.Head;
            _metrics.SetSnapshot(desired.Head, desired.Hash);
        }
        var outcome = pass.Problems.Count == 0 ? ReconcileOutcome.Succeeded : ReconcileOutcome.Degraded;
        var report = new ReconcileReport(request.Reason, startedAt, duration, outcome, pass.AttemptedHead, _appliedHead, desired.Hash,
            pass.Observed is not null, [.. pass.Actions], pass.Plugins, [.. pass.Problems]);

        _metrics.CountReconcile(report.Outcome, report.Duration);
        foreach (var action in pass.Done.Where(a => a.Reason == ActionReason.Drifted))
            _metrics.CountDrift(action.Kind == PlanActionKind.ApplyPlugin ? DriftTarget.Plugin : DriftTarget.ConfigMap);

        var ms = (long)duration.TotalMilliseconds;
        if (outcome != ReconcileOutcome.Succeeded)
            ReconcileLog.Degraded(logger, report.SnapshotHash ?? "", report.AttemptedHead ?? "", report.Actions.Length, ms, report.Error ?? "");
        else if (report.Actions.Length > 0)
            ReconcileLog.Reconciled(logger, report.SnapshotHash ?? "", report.AppliedHead ?? "", report.Actions.Length, ms);
        else
            ReconcileLog.InStep(logger, report.SnapshotHash ?? "", report.AppliedHead ?? "", ms);
        return report;
    }
}
