using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;

namespace GitOps.WebhookApi.Status;

/// <summary><c>GET /status</c> (docs/ARCHITECTURE.md). Built by <see cref="StatusEndpoints"/>; later parts add
/// <c>leader</c>, <c>lastReconcile</c> and <c>plugins</c> by extending this record.</summary>
/// <param name="Mode"><c>ReadWrite</c>, or <c>ReadOnly</c> when the remote cannot be reached.</param>
/// <param name="MutationsMode"><c>Commit</c> or <c>PullRequest</c>.</param>
internal sealed record StatusResponse(
    string Head,
    string SnapshotHash,
    string Mode,
    string MutationsMode,
    string? LastError,
    HeadErrorView? HeadError);

/// <summary>The branch head is invalid and not served; reads stay on the last good snapshot.</summary>
internal sealed record HeadErrorView(string Head, ImmutableArray<ValidationError> Errors);
