using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Git;

namespace GitOps.TestSupport.Git;

/// <summary>Ready-made <see cref="MutationRequest"/>s for store tests.</summary>
public static class Mutations
{
    public static CommitAuthor Alice { get; } = new("alice", "alice@gitops.local");

    /// <summary>Writes (or with null content deletes) files, whatever the snapshot holds.</summary>
    public static MutationRequest SetFiles(string? expectedHead, string summary, params (string Path, string? Content)[] files) =>
        new(expectedHead, Alice, summary, null, Guid.NewGuid().ToString("N"), _ =>
            new EditResult.Changes(files.ToImmutableDictionary(
                f => f.Path,
                f => f.Content is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(f.Content),
                StringComparer.Ordinal)));

    /// <summary>Reads the counter from the snapshot the edit is given and writes it plus one.</summary>
    public static MutationRequest IncrementCounter(string? expectedHead, string requestId = "") =>
        new(expectedHead, Alice, "models: increment counter", null, requestId.Length > 0 ? requestId : Guid.NewGuid().ToString("N"), snapshot =>
        {
            var models = snapshot.FindPlugin("models") ?? throw new InvalidOperationException("no models plugin");
            var value = ConfigRepoSeed.ParseCounter(models.Files["counter.yaml"].Span);
            return new EditResult.Changes(ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty
                .Add(ConfigRepoSeed.CounterPath, Encoding.UTF8.GetBytes(ConfigRepoSeed.Counter(value + 1))));
        });
}
