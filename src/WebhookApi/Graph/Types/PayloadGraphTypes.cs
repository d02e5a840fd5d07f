using GitOps.WebhookApi.Plugins;
using GitOps.WebhookApi.Runtime;
using GitOps.WebhookApi.Secrets;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>What a write returns: always the head after it, plus what it wrote (the REST response body's content).</summary>
/// <param name="Committed">False when the change was already in place (no commit) or went to a pull request.</param>
internal sealed record WritePayload(string Head, bool Committed, PluginView? Plugin = null, PluginSource? Source = null,
    FileEntry? File = null, string? Reverted = null, PullRequestPayload? PullRequest = null, SecretEntry? Secret = null, int? Rotated = null);

/// <summary><c>Mutations:Mode=PullRequest</c>: the change went to a branch and a pull request (REST: 202).</summary>
internal sealed record PullRequestPayload(string Url, string Branch, string Commit);

internal sealed class WritePayloadGraphType : ViewGraphType<WritePayload>
{
    public WritePayloadGraphType() : base("WritePayload")
    {
        Field(p => p.Head).Description("The branch head after the write (the new commit, or the current head when nothing was committed)");
        Field(p => p.Committed).Description("False when the change was already in place or went to a pull request");
        Field<PluginGraphType>("plugin").Resolve(c => c.Source.Plugin);
        Field<SourceGraphType>("source").Resolve(c => c.Source.Source);
        Field<FileEntryGraphType>("file").Resolve(c => c.Source.File);
        Field(p => p.Reverted, nullable: true).Description("revert: the commit that was reverted");
        Field<PullRequestGraphType>("pullRequest").Resolve(c => c.Source.PullRequest);
        Field<SecretGraphType>("secret").Description("putSecret: the secret written (name, format, key id; never the value)").Resolve(c => c.Source.Secret);
        Field(p => p.Rotated, nullable: true).Description("rotateSecrets: how many values were re-encrypted");
    }
}

internal sealed class PullRequestGraphType() : ViewGraphType<PullRequestPayload>("PullRequest", p => p.Url, p => p.Branch, p => p.Commit);

/// <summary>refreshSource / refreshPlugin: the runtime status of the refreshed sources (REST: the same body).</summary>
internal sealed record RefreshPayload(string Head, IReadOnlyList<SourceStatusResponse> Sources);

internal sealed class RefreshPayloadGraphType : ViewGraphType<RefreshPayload>
{
    public RefreshPayloadGraphType() : base("RefreshPayload", p => p.Head) => ListField<RuntimeStatusGraphType>("sources", c => c.Source.Sources);
}

internal sealed class RuntimeStatusGraphType : ViewGraphType<SourceStatusResponse>
{
    public RuntimeStatusGraphType() : base("RuntimeStatus", s => s.Plugin, s => s.Id, s => s.State, s => s.EntityCount)
    {
        Field<DateTimeOffsetGraphType>("lastRefreshedAt").Resolve(c => c.Source.LastRefreshedAt);
        Field(s => s.AppliedHash);
        ListField<RuntimeDiagnosticGraphType>("diagnostics", c => c.Source.Diagnostics);
    }
}

internal sealed class RuntimeDiagnosticGraphType() : ViewGraphType<DiagnosticResponse>("RuntimeDiagnostic", d => d.Severity, d => d.Message, d => d.File, d => d.Line);

/// <summary>testSource: the dry run's answer (REST <c>…:test</c>), nothing written.</summary>
internal sealed record DryRunPayload(string Head, DryRunResponse Result);

internal sealed class DryRunPayloadGraphType : ViewGraphType<DryRunPayload>
{
    public DryRunPayloadGraphType() : base("DryRunPayload", p => p.Head)
    {
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(c => c.Source.Result.State);
        Field<NonNullGraphType<IntGraphType>>("entityCount").Resolve(c => c.Source.Result.EntityCount);
        ListField<StringGraphType>("firstEntities", c => c.Source.Result.FirstEntities);
        ListField<RuntimeDiagnosticGraphType>("diagnostics", c => c.Source.Result.Diagnostics);
    }
}

/// <summary>reconcile: the pass was requested (REST: 202).</summary>
internal sealed record ReconcilePayload(string Head, bool Requested);

internal sealed class ReconcilePayloadGraphType() : ViewGraphType<ReconcilePayload>("ReconcilePayload", p => p.Head, p => p.Requested);
