using GitOps.WebhookApi.Status;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>The service status as <c>GET /status</c> shows it (the same <see cref="StatusResponse"/>).</summary>
internal sealed class StatusGraphType : ObjectGraphType<StatusResponse>
{
    public StatusGraphType()
    {
        Name = "Status";
        Field(s => s.Head);
        Field(s => s.SnapshotHash);
        Field(s => s.Mode).Description("ReadWrite, or ReadOnly when the remote cannot be reached");
        Field(s => s.MutationsMode).Description("Commit or PullRequest");
        Field(s => s.LastError, nullable: true);
        Field<HeadErrorGraphType>("headError").Resolve(c => c.Source.HeadError);
        Field<NonNullGraphType<LeaderGraphType>>("leader").Resolve(c => c.Source.Leader);
        Field<ReconcileGraphType>("lastReconcile").Resolve(c => c.Source.LastReconcile);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PluginStateGraphType>>>>("plugins")
            .Description("Per plugin: desired, running and ConfigMap hashes and drift, as the last reconcile pass found them")
            .Resolve(c => c.Source.Plugins);
        Field<SecretsStatusGraphType>("secrets").Resolve(c => c.Source.Secrets);
        Field<VerificationGraphType>("verification").Resolve(c => c.Source.Verification);
    }
}

internal sealed class HeadErrorGraphType : ObjectGraphType<HeadErrorView>
{
    public HeadErrorGraphType()
    {
        Name = "HeadError";
        Field(h => h.Head);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ValidationErrorGraphType>>>>("errors").Resolve(c => c.Source.Errors);
        Field<VerificationFailureGraphType>("verification").Resolve(c => c.Source.Verification);
    }
}

internal sealed class ValidationErrorGraphType : ObjectGraphType<ValidationError>
{
    public ValidationErrorGraphType()
    {
        Name = "ValidationError";
        Field(e => e.File);
        Field(e => e.Line);
        Field(e => e.Column);
        Field(e => e.Field);
        Field(e => e.Message);
    }
}

internal sealed class LeaderGraphType : ObjectGraphType<LeaderView>
{
    public LeaderGraphType()
    {
        Name = "Leader";
        Field(l => l.Identity);
        Field(l => l.IsLeader);
        Field(l => l.Enabled);
        Field(l => l.CurrentLeader, nullable: true);
    }
}

internal sealed class ReconcileGraphType : ObjectGraphType<ReconcileView>
{
    public ReconcileGraphType()
    {
        Name = "Reconcile";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<NonNullGraphType<LongGraphType>>("durationMs").Resolve(c => c.Source.DurationMs);
        Field(r => r.Outcome);
        Field(r => r.Reason);
        Field(r => r.AttemptedHead, nullable: true);
        Field(r => r.AppliedHead, nullable: true);
        Field(r => r.ConfigMapsChecked);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("actions").Resolve(c => c.Source.Actions);
        Field(r => r.Error, nullable: true);
    }
}

internal sealed class PluginStateGraphType : ObjectGraphType<PluginStatusView>
{
    public PluginStateGraphType()
    {
        Name = "PluginState";
        Field(p => p.Name);
        Field(p => p.DesiredHash, nullable: true);
        Field(p => p.RunningHash, nullable: true);
        Field(p => p.ConfigMapHash, nullable: true);
        Field<NonNullGraphType<DriftGraphType>>("drift").Resolve(c => c.Source.Drift);
        Field(p => p.Error, nullable: true);
    }
}

internal sealed class DriftGraphType : ObjectGraphType<DriftView>
{
    public DriftGraphType()
    {
        Name = "Drift";
        Field(d => d.Plugin);
        Field(d => d.ConfigMap);
    }
}
