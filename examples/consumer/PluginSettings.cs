namespace GitOps.Examples.Consumer;

/// <summary>The parts of a plugin's <c>sources.yaml</c> this consumer uses, bound from the mounted ConfigMap's keys
/// (<c>sources:…</c>: the library puts each file's keys under its name).</summary>
public sealed class PluginSettings
{
    public const string SectionName = "sources";

    public string ApiVersion { get; set; } = "";

    public string Plugin { get; set; } = "";

    public Dictionary<string, string?> Config { get; set; } = [];

    public List<SourceSettings> Sources { get; set; } = [];

    /// <summary>What a plugin's ConfigMap must hold before this consumer serves it; anything else is refused and the
    /// previous good settings stay.</summary>
    public static IReadOnlyList<string> Check(IConfiguration mounted)
    {
        var settings = mounted.GetSection(SectionName).Get<PluginSettings>();
        if (settings is null) return ["sources.yaml is missing or empty"];
        var problems = new List<string>();
        if (settings.ApiVersion != "gitops/v1") problems.Add($"sources.yaml: apiVersion must be gitops/v1, found '{settings.ApiVersion}'");
        if (string.IsNullOrWhiteSpace(settings.Plugin)) problems.Add("sources.yaml: plugin is required");
        for (var i = 0; i < settings.Sources.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(settings.Sources[i].Id)) problems.Add($"sources.yaml: sources[{i}].id is required");
        }
        return problems;
    }
}

public sealed class SourceSettings
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Type { get; set; }

    public bool Enabled { get; set; } = true;

    public List<string> Labels { get; set; } = [];
}
