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

    /// <summary>Nine levels of ten aliases each: a billion strings once expanded.</summary>
    public static string BillionLaughs
    {
        get
        {
            var yaml = new System.Text.StringBuilder("id: lol\nname: lol\ntype: yaml\nl0: &l0 lol\n");
            for (var level = 1; level <= 9; level++)
                yaml.Append($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
            yaml.Append("labels: *l9\n");
            return yaml.ToString();
        }
    }
}
