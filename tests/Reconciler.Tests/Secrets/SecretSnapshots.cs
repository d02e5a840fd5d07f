using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Secrets;

/// <summary>Snapshots with secrets.yaml files, built by the real snapshot builder.</summary>
internal static class SecretSnapshots
{
    public static string SecretsYaml(params (string Name, string Stored)[] values)
    {
        var text = new StringBuilder("apiVersion: gitops/v1\nsecrets:\n");
        foreach (var (name, stored) in values)
            text.Append("  ").Append(name).Append(": ").Append(stored.Contains('\n', StringComparison.Ordinal)
                ? "|\n" + string.Concat(stored.TrimEnd('\n').Split('\n').Select(l => "    " + l + "\n"))
                : "\"" + stored + "\"\n");
        return text.ToString();
    }

    public static string Sources(string plugin, params (string Id, string Type, string Properties)[] sources)
    {
        if (sources.Length == 0) return $"apiVersion: gitops/v1\nplugin: {plugin}\nsources: []\n";
        var text = new StringBuilder($"apiVersion: gitops/v1\nplugin: {plugin}\nsources:\n");
        foreach (var (id, type, properties) in sources)
            text.Append($"  - id: {id}\n    name: {id}\n    type: {type}\n    properties: {properties}\n");
        return text.ToString();
    }

    public static ConfigSnapshot Build(string head, params (string Path, string Content)[] files)
    {
        var result = new SnapshotBuilder().Build(files.ToDictionary(f => f.Path, f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Content)), head);
        return result is SnapshotResult.Valid valid
            ? valid.Snapshot
            : throw new InvalidOperationException(string.Join("\n", ((SnapshotResult.Invalid)result).Errors));
    }

    public static SecretCipher Cipher(params string[] keyIds) => new(new KeyRing(keyIds.Select(SecretKey.Generate)));
}
