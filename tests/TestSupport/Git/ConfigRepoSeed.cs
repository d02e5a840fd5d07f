using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.TestSupport.Git;

/// <summary>A small valid config repository folder for store tests: plugin <c>models</c> with a source whose catalog
/// <c>counter.yaml</c> holds one model named <c>counter-N</c> (a counter tests bump), and plugin <c>mcp</c>.</summary>
public static partial class ConfigRepoSeed
{
    public const string CounterPath = "plugins/models/counter.yaml";
    public const string ModelsSources = "plugins/models/sources.yaml";
    public const string McpSources = "plugins/mcp/sources.yaml";

    /// <summary>Writes the seed folder under <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory)
    {
        var root = Path.Combine(directory, "seed");
        foreach (var (path, content) in Files())
        {
            var file = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }
        return root;
    }

    public static IReadOnlyDictionary<string, string> Files() => new Dictionary<string, string>
    {
        [ModelsSources] = ModelsSourcesYaml(enabled: true),
        [CounterPath] = Counter(0),
        ["plugins/models/team.yaml"] = "source: team\nmodels:\n  - name: team-model-a\n  - name: team-model-b\n",
        [McpSources] = """
            apiVersion: gitops/v1
            plugin: mcp
            sources:
              - id: community_mcp
                name: Community MCP
                type: yaml
                properties:
                  yamlCatalogPath: servers.yaml
            """ + "\n",
        ["plugins/mcp/servers.yaml"] = "mcp_servers:\n  - name: fetch\n  - name: files\n",
    };

    /// <summary>The models plugin's sources.yaml; <paramref name="enabled"/> toggles source <c>team</c>.</summary>
    public static string ModelsSourcesYaml(bool enabled) => $"""
        apiVersion: gitops/v1
        plugin: models
        sources:
          - id: counter
            name: Counter models
            type: yaml
            properties:
              yamlCatalogPath: counter.yaml
          - id: team
            name: Team models
            type: yaml
            enabled: {(enabled ? "true" : "false")}
            properties:
              yamlCatalogPath: team.yaml
        """ + "\n";

    /// <summary>The counter catalog holding the value <paramref name="value"/>.</summary>
    public static string Counter(long value) => $"source: counter\nmodels:\n  - name: counter-{value}\n";

    /// <summary>Reads the value back from counter catalog content.</summary>
    public static long ParseCounter(ReadOnlySpan<byte> content)
    {
        var match = CounterPattern().Match(Encoding.UTF8.GetString(content));
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new FormatException("not a counter catalog");
    }

    [GeneratedRegex(@"name: counter-(\d+)")]
    private static partial Regex CounterPattern();
}
