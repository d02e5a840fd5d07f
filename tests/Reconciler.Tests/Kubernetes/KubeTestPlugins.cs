using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Kubernetes;

/// <summary>Plugin snapshots for the Kubernetes tests: just files and their hash, as the ConfigMap target needs them.</summary>
internal static class KubeTestPlugins
{
    public static PluginSnapshot Plugin(string name, params (string File, string Content)[] files) =>
        Plugin(name, files.Select(f => (f.File, Encoding.UTF8.GetBytes(f.Content))).ToArray());

    public static PluginSnapshot Plugin(string name, params (string File, byte[] Content)[] files)
    {
        var map = files.ToImmutableSortedDictionary(f => f.File, f => (ReadOnlyMemory<byte>)f.Content, StringComparer.Ordinal);
        return new PluginSnapshot(name, ContentHash.Of(map), new Dictionary<string, object?>(), [],
            ImmutableDictionary<string, string>.Empty, map, "");
    }
}
