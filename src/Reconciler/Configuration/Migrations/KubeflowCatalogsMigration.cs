using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration.Migrations;

/// <summary>The Kubeflow Model Registry catalog sources file: a top-level <c>catalogs:</c> list whose entries keep
/// <c>includedModels</c>/<c>excludedModels</c> inside <c>properties</c> (or, in later versions, beside them).
/// Becomes an unversioned <c>sources:</c> list with <c>include</c>/<c>exclude</c>; <see cref="UnversionedMigration"/> finishes it.</summary>
internal sealed class KubeflowCatalogsMigration : SourcesMigration
{
    public const string Name = "kubeflow-model-catalog";

    private const string Included = "includedModels";
    private const string Excluded = "excludedModels";

    public override string From => Name;

    public override bool AppliesTo(MappingNode root) => root.FindKey("apiVersion") is null && root.FindKey("catalogs") is not null;

    public override MappingNode Apply(MappingNode root, string plugin)
    {
        var entries = new List<KeyValuePair<ScalarNode, YamlNode>>(root.Entries.Count);
        foreach (var (key, value) in root.Entries)
        {
            if (key.Value != "catalogs")
                entries.Add(KeyValuePair.Create(key, value));
            else
                entries.Add(KeyValuePair.Create(Scalar("sources", key), value is SequenceNode list ? Sources(list) : value));
        }
        return root.With(entries);
    }

    private static SequenceNode Sources(SequenceNode catalogs)
    {
        var items = catalogs.Items.Select(item => item is MappingNode catalog ? Source(catalog) : item).ToList();
        return new SequenceNode(items, 1 + items.Sum(i => i.Size), catalogs.Line, catalogs.Column);
    }

    private static MappingNode Source(MappingNode catalog)
    {
        var entries = new List<KeyValuePair<ScalarNode, YamlNode>>(catalog.Entries.Count + 2);
        var moved = new List<KeyValuePair<ScalarNode, YamlNode>>(2);
        foreach (var (key, value) in catalog.Entries)
        {
            switch (key.Value)
            {
                case Included: moved.Add(KeyValuePair.Create(Scalar("include", key), value)); break;
                case Excluded: moved.Add(KeyValuePair.Create(Scalar("exclude", key), value)); break;
                case "properties" when value is MappingNode properties:
                    var kept = new List<KeyValuePair<ScalarNode, YamlNode>>(properties.Entries.Count);
                    foreach (var (pk, pv) in properties.Entries)
                    {
                        if (pk.Value == Included) moved.Add(KeyValuePair.Create(Scalar("include", pk), pv));
                        else if (pk.Value == Excluded) moved.Add(KeyValuePair.Create(Scalar("exclude", pk), pv));
                        else kept.Add(KeyValuePair.Create(pk, pv));
                    }
                    entries.Add(KeyValuePair.Create(key, (YamlNode)properties.With(kept)));
                    break;
                default: entries.Add(KeyValuePair.Create(key, value)); break;
            }
        }
        entries.AddRange(moved);
        return catalog.With(entries);
    }
}
