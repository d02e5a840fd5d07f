using GitOps.WebhookApi.Status;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>The service status as <c>GET /status</c> shows it (the same <see cref="StatusResponse"/>).</summary>
internal sealed class StatusGraphType : ViewGraphType<StatusResponse>
{
    public StatusGraphType() : base("Status", s => s.Head, s => s.SnapshotHash)
    {
        Field(s => s.Mode).Description("ReadWrite, or ReadOnly when the remote cannot be reached");
        Field(s => s.MutationsMode).Description("Commit or PullRequest");
        Field(s => s.LastError, nullable: true);
        Field<HeadErrorGraphType>("headError").Resolve(c => c.Source.HeadError);
        Field<NonNullGraphType<LeaderGraphType>>("leader").Resolve(c => c.Source.Leader);
        Field<ReconcileGraphType>("lastReconcile").Resolve(c => c.Source.LastReconcile);
        ListField<PluginStateGraphType>("plugins", c => c.Source.Plugins)
            .Description("Per plugin: desired, running and ConfigMap hashes and drift, as the last reconcile pass found them");
        Field<SecretsStatusGraphType>("secrets").Resolve(c => c.Source.Secrets);
        Field<VerificationGraphType>("verification").Resolve(c => c.Source.Verification);
    }
}

internal sealed class HeadErrorGraphType : ViewGraphType<HeadErrorView>
{
    public HeadErrorGraphType() : base("HeadError", h => h.Head)
    {
        ListField<ValidationErrorGraphType>("errors", c => c.Source.Errors);
        Field<VerificationFailureGraphType>("verification").Resolve(c => c.Source.Verification);
    }
}

internal sealed class ValidationErrorGraphType() : ViewGraphType<ValidationError>("ValidationError", e => e.File, e => e.Line, e => e.Column, e => e.Field, e => e.Message);

internal sealed class LeaderGraphType() : ViewGraphType<LeaderView>("Leader", l => l.Identity, l => l.IsLeader, l => l.Enabled, l => l.CurrentLeader);

internal sealed class ReconcileGraphType : ViewGraphType<ReconcileView>
{
    public ReconcileGraphType() : base("Reconcile")
    {
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<NonNullGraphType<LongGraphType>>("durationMs").Resolve(c => c.Source.DurationMs);
        PlainFields(r => r.Outcome, r => r.Reason, r => r.AttemptedHead, r => r.AppliedHead, r => r.ConfigMapsChecked);
        ListField<StringGraphType>("actions", c => c.Source.Actions);
        PlainFields(r => r.Error);
    }
}

internal sealed class PluginStateGraphType : ViewGraphType<PluginStatusView>
{
    public PluginStateGraphType() : base("PluginState", p => p.Name, p => p.DesiredHash, p => p.RunningHash, p => p.ConfigMapHash)
    {
        Field<NonNullGraphType<DriftGraphType>>("drift").Resolve(c => c.Source.Drift);
        PlainFields(p => p.Error);
    }
}

internal sealed class DriftGraphType() : ViewGraphType<DriftView>("Drift", d => d.Plugin, d => d.ConfigMap);
