using GitOps.Reconciler.Git;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Plugins;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.Planning;

/// <summary>Plans (docs/DRAFTS.md, "Plan"): what a change not yet saved, a draft, or a pull request would do. Reads the two
/// sides from git (<see cref="PlanTrees"/>), compares them and counts the entities of changed sources (<see cref="PlanBuilder"/>).
/// Nothing is written to a branch and no running source changes.</summary>
public sealed class Planner(GitConfigStore store, PluginHost host, IOptions<KubernetesOptions> kubernetes)
{
    private readonly PlanBuilder _builder = new(new SourceCounts(host), kubernetes.Value.ConfigMapPrefix);

    /// <summary>A change not yet saved: <paramref name="files"/> (repository path → new content, null deletes) applied on
    /// <paramref name="baseCommit"/> (default: the tracked head).</summary>
    /// <param name="visible">Whether the caller may see a plugin; the plan leaves out the others.</param>
    public Task<PlanOutcome> PlanChangeAsync(
        string? baseCommit, IReadOnlyDictionary<string, ReadOnlyMemory<byte>?> files, Func<string, bool> visible, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        return BuildAsync(store.PlanTrees.Edit(baseCommit, files.ToImmutableDictionary(StringComparer.Ordinal)), visible, cancellationToken);
    }

    /// <summary>What publishing the draft (branch <c>drafts/&lt;id&gt;</c>) would do to the tracked head.</summary>
    public Task<PlanOutcome> PlanDraftAsync(string id, Func<string, bool> visible, CancellationToken cancellationToken = default) =>
        BuildAsync(store.PlanTrees.Draft(id), visible, cancellationToken);

    /// <summary>What merging <paramref name="headSha"/> onto <paramref name="baseSha"/> would do (a pull request), for everyone.</summary>
    public Task<PlanOutcome> PlanCommitsAsync(string baseSha, string headSha, CancellationToken cancellationToken = default) =>
        BuildAsync(store.PlanTrees.Commits(baseSha, headSha), _ => true, cancellationToken);

    private async Task<PlanOutcome> BuildAsync(PlanTrees.Read read, Func<string, bool> visible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visible);
        return read switch
        {
            PlanTrees.Read.Sides sides => new PlanOutcome.Planned(await _builder.BuildAsync(sides.Value, visible, cancellationToken)),
            PlanTrees.Read.Failed failed => failed.Outcome,
            _ => throw new InvalidOperationException("unmapped plan read"),
        };
    }
}
