using GitOps.Reconciler.Configuration.Yaml;
using YamlDotNet.Core;

namespace GitOps.Reconciler.Configuration.Migrations;

/// <summary>One step that rewrites an older sources.yaml shape towards gitops/v1, on the YAML tree so that
/// every node keeps the line and column it had in the file (errors in migrated files still point at the file).</summary>
internal abstract class SourcesMigration
{
    /// <summary>The name of the shape this step reads; reported as <see cref="PluginSnapshot.MigratedFrom"/>.</summary>
    public abstract string From { get; }

    public abstract bool AppliesTo(MappingNode root);

    /// <param name="plugin">The plugin folder's name, for files that do not say which plugin they belong to.</param>
    public abstract MappingNode Apply(MappingNode root, string plugin);

    /// <summary>A synthesized scalar placed at <paramref name="at"/> (migrations add keys the file did not have).</summary>
    protected static ScalarNode Scalar(string value, YamlNode at) => new(value, ScalarStyle.Plain, "", at.Line, at.Column);
}
