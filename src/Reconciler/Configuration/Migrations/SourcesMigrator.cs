using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration.Migrations;

/// <summary>Runs the ordered migrations on a sources.yaml tree until none applies; the result is in gitops/v1 shape
/// (its <c>apiVersion</c> is then checked by the parser like any other field).</summary>
internal static class SourcesMigrator
{
    /// <summary>Kubeflow files (top-level <c>catalogs</c>, <c>model_catalogs</c>, …) are not migrated: they are read natively
    /// in their own dialect (<see cref="KubeflowFormat"/>) and edited in place.</summary>
    private static readonly SourcesMigration[] Migrations = [new UnversionedMigration()];

    /// <returns>The migrated root and the shape the file was written in (null when it was already versioned).</returns>
    public static (MappingNode Root, string? MigratedFrom) Migrate(MappingNode root, string plugin)
    {
        string? from = null;
        for (var step = 0; step < Migrations.Length; step++)
        {
            var migration = Array.Find(Migrations, m => m.AppliesTo(root));
            if (migration is null) break;
            from ??= migration.From;
            root = migration.Apply(root, plugin);
        }
        return (root, from);
    }
}
