using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration.Migrations;

/// <summary>A file of the same shape as gitops/v1 written before <c>apiVersion</c> existed: adds the version,
/// and the plugin name from the folder when the file has none.</summary>
internal sealed class UnversionedMigration : SourcesMigration
{
    public const string Name = "unversioned";

    public override string From => Name;

    public override bool AppliesTo(MappingNode root) => root.FindKey("apiVersion") is null;

    public override MappingNode Apply(MappingNode root, string plugin)
    {
        var entries = new List<KeyValuePair<ScalarNode, YamlNode>>(root.Entries.Count + 2)
        {
            KeyValuePair.Create(Scalar("apiVersion", root), (YamlNode)Scalar(SourcesDocument.CurrentApiVersion, root)),
        };
        if (root.FindKey("plugin") is null)
            entries.Add(KeyValuePair.Create(Scalar("plugin", root), (YamlNode)Scalar(plugin, root)));
        entries.AddRange(root.Entries);
        return root.With(entries);
    }
}
