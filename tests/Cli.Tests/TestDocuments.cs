namespace GitOps.Cli.Tests;

/// <summary>Input documents the tests write to disk for <c>-f</c>.</summary>
public static class TestDocuments
{
    public const string Catalog = """
        source: Team
        models:
          - name: granite-8b-code-instruct
            description: Granite code model
          - name: team-llm
            description: A team model
        """;

    public static string Source(string id, string catalogFile, bool enabled = true) => $"""
        id: {id}
        name: Team models {id}
        type: yaml
        enabled: {(enabled ? "true" : "false")}
        labels: [Team]
        properties:
          yamlCatalogPath: {catalogFile}
        """;
}
