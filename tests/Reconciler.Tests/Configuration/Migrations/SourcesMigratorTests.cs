using GitOps.Reconciler.Configuration;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration.Migrations;

public sealed class SourcesMigratorTests
{
    [Fact]
    public void Build_WithoutApiVersion_MigratesTheSameShape()
    {
        const string unversioned = """
            plugin: models
            config: {pageSize: 20}
            sources:
              - {id: org, name: Org, type: yaml, properties: {yamlCatalogPath: org.yaml}}
            """;
        var plugin = Valid(Models(unversioned)).Plugins["models"];
        Assert.Equal("unversioned", plugin.MigratedFrom);
        Assert.Equal(20L, plugin.Config["pageSize"]);
        Assert.Equal("org", Assert.Single(plugin.Sources).Id);
    }

    [Fact]
    public void Build_WithoutApiVersionOrPlugin_TakesTheFolderName()
    {
        var plugin = Valid(Models("sources:\n  - {id: org, name: Org, type: yaml, properties: {yamlCatalogPath: org.yaml}}\n")).Plugins["models"];
        Assert.Equal("unversioned", plugin.MigratedFrom);
    }

    [Fact]
    public void Build_WithCurrentVersion_IsNotMigrated()
    {
        var plugin = Valid(Models("apiVersion: gitops/v1\nplugin: models\nsources: []\n")).Plugins["models"];
        Assert.Null(plugin.MigratedFrom);
    }
}
