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

internal sealed class WritePayloadGraphType : ObjectGraphType<WritePayload>
{
    public WritePayloadGraphType()
    {
        Name = "WritePayload";
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

internal sealed class PullRequestGraphType : ObjectGraphType<PullRequestPayload>
{
    public PullRequestGraphType()
    {
        Name = "PullRequest";
        Field(p => p.Url);
        Field(p => p.Branch);
        Field(p => p.Commit);
    }
}

/// <summary>refreshSource / refreshPlugin: the runtime status of the refreshed sources (REST: the same body).</summary>
internal sealed record RefreshPayload(string Head, IReadOnlyList<SourceStatusResponse> Sources);

internal sealed class RefreshPayloadGraphType : ObjectGraphType<RefreshPayload>
{
    public RefreshPayloadGraphType()
    {
        Name = "RefreshPayload";
        Field(p => p.Head);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RuntimeStatusGraphType>>>>("sources").Resolve(c => c.Source.Sources);
    }
}

internal sealed class RuntimeStatusGraphType : ObjectGraphType<SourceStatusResponse>
{
    public RuntimeStatusGraphType()
    {
        Name = "RuntimeStatus";
        Field(s => s.Plugin);
        Field(s => s.Id);
        Field(s => s.State);
        Field(s => s.EntityCount);
        Field<DateTimeOffsetGraphType>("lastRefreshedAt").Resolve(c => c.Source.LastRefreshedAt);
        Field(s => s.AppliedHash);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RuntimeDiagnosticGraphType>>>>("diagnostics").Resolve(c => c.Source.Diagnostics);
    }
}

internal sealed class RuntimeDiagnosticGraphType : ObjectGraphType<DiagnosticResponse>
{
    public RuntimeDiagnosticGraphType()
    {
        Name = "RuntimeDiagnostic";
        Field(d => d.Severity);
        Field(d => d.Message);
        Field(d => d.File, nullable: true);
        Field(d => d.Line, nullable: true);
    }
}

/// <summary>testSource: the dry run's answer (REST <c>…:test</c>), nothing written.</summary>
internal sealed record DryRunPayload(string Head, DryRunResponse Result);

internal sealed class DryRunPayloadGraphType : ObjectGraphType<DryRunPayload>
{
    public DryRunPayloadGraphType()
    {
        Name = "DryRunPayload";
        Field(p => p.Head);
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(c => c.Source.Result.State);
        Field<NonNullGraphType<IntGraphType>>("entityCount").Resolve(c => c.Source.Result.EntityCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("firstEntities").Resolve(c => c.Source.Result.FirstEntities);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RuntimeDiagnosticGraphType>>>>("diagnostics").Resolve(c => c.Source.Result.Diagnostics);
    }
}

/// <summary>reconcile: the pass was requested (REST: 202).</summary>
internal sealed record ReconcilePayload(string Head, bool Requested);

internal sealed class ReconcilePayloadGraphType : ObjectGraphType<ReconcilePayload>
{
    public ReconcilePayloadGraphType()
    {
        Name = "ReconcilePayload";
        Field(p => p.Head);
        Field(p => p.Requested);
    }
}
