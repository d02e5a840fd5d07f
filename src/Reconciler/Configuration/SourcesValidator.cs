namespace GitOps.Reconciler.Configuration;

/// <summary>Checks a parsed sources.yaml against DESIGN §2 and the files of its plugin folder. Every error names
/// the file, line, column and field; catalog errors name the catalog file and its line.</summary>
internal static class SourcesValidator
{
    /// <summary>Provider types known when none are given: the built-in <c>yaml</c> and <c>http</c> providers.</summary>
    public static IReadOnlyCollection<string> DefaultKnownTypes { get; } = ImmutableSortedSet.Create(StringComparer.Ordinal, HttpType, YamlType);

    public const string YamlType = "yaml";

    public const string HttpType = "http";

    public const string CatalogPathProperty = "yamlCatalogPath";

    /// <param name="folder">The plugin folder, e.g. <c>plugins/models</c>.</param>
    /// <param name="files">The plugin folder's files: name (no folder) → content.</param>
    /// <param name="parseCatalogs">False when these exact catalog bytes were parsed clean before (see <see cref="SnapshotBuilder"/>).</param>
    public static ImmutableArray<ValidationError> Validate(
        string folder, string pluginName, SourcesParseResult.Parsed parsed,
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, YamlLimits limits,
        IReadOnlyCollection<string>? knownTypes = null, IReadOnlySet<string>? catalogsCheckedBefore = null)
    {
        knownTypes ??= DefaultKnownTypes;
        var file = $"{folder}/{SnapshotBuilder.SourcesFile}";
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        void Add((int Line, int Column) at, string field, string message) => errors.Add(new ValidationError(file, at.Line, at.Column, field, message));

        var document = parsed.Document;
        if (document.Plugin != pluginName)
            Add(parsed.PositionOf("plugin"), "plugin", $"plugin '{document.Plugin}' does not match its folder name '{pluginName}'");

        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedCatalogs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Sources.Length; i++)
        {
            var source = document.Sources[i];
            var location = parsed.Locations[i];
            var path = location.Path ?? $"sources[{i}]";

            if (!PluginName.IsValidSourceId(source.Id))
                Add(location.PositionOf("id"), $"{path}.id", source.Id.Length == 0 ? "is required" : $"'{source.Id}' must match [A-Za-z0-9_.-]{{1,128}}");
            else if (firstSeen.TryGetValue(source.Id, out var first))
                Add(location.PositionOf("id"), $"{path}.id", $"duplicate source id '{source.Id}' (first used at line {parsed.Locations[first].PositionOf("id").Line}); ids are unique across all sections");
            else
                firstSeen[source.Id] = i;

            if (string.IsNullOrWhiteSpace(source.Name))
                Add(location.PositionOf("name"), $"{path}.name", "is required");
            if (string.IsNullOrWhiteSpace(source.Type))
                Add(location.PositionOf("type"), $"{path}.type", "is required");
            else if (!knownTypes.Contains(source.Type) && document.Dialect != KubeflowFormat.Dialect) // Kubeflow: the source fails at load, the file still loads
                Add(location.PositionOf("type"), $"{path}.type", $"unknown type '{source.Type}'; known types: {string.Join(", ", knownTypes.Order(StringComparer.Ordinal))}");

            foreach (var (key, value) in source.Properties)
            {
                if (!key.EndsWith("Path", StringComparison.Ordinal)) continue;
                var field = $"properties.{key}";
                var at = location.PositionOf(field);
                if (value is not string reference || reference.Length == 0)
                    Add(at, $"{path}.{field}", "expected a file name in the plugin folder");
                else if (PathProblem(reference) is { } problem)
                    Add(at, $"{path}.{field}", $"'{reference}' is refused: {problem}");
                else if (!files.TryGetValue(reference, out var content))
                    Add(at, $"{path}.{field}", $"file '{reference}' not found in {folder}");
                else if (source.Type == YamlType && key == CatalogPathProperty && checkedCatalogs.Add(reference) && catalogsCheckedBefore?.Contains(reference) != true
                         && ParsedCatalogs.ParseAndKeep($"{folder}/{reference}", content, limits) is CatalogParseResult.Failed failed)
                    errors.AddRange(failed.Errors); // once per catalog file, however many sources share it
            }
            if (source.Type == HttpType && knownTypes.Contains(HttpType) && Plugins.Providers.HttpSourceUrl.Problem(source.Properties.GetValueOrDefault(Plugins.Providers.HttpSourceUrl.Property)) is { } urlProblem)
                Add(location.PositionOf($"properties.{Plugins.Providers.HttpSourceUrl.Property}"), $"{path}.properties.{Plugins.Providers.HttpSourceUrl.Property}", urlProblem);
            if (source.Type == YamlType && !source.Properties.ContainsKey(CatalogPathProperty))
                Add(location.PositionOf("properties"), $"{path}.properties.{CatalogPathProperty}", "is required for type yaml");
        }
        return errors.ToImmutable();
    }

    /// <summary>Why a <c>*Path</c> property may not be used, or null when it names a file in the plugin folder.</summary>
    public static string? PathProblem(string reference)
    {
        if (reference.StartsWith('/') || reference.StartsWith('\\') || Path.IsPathRooted(reference) || (reference.Length > 1 && reference[1] == ':'))
            return "absolute paths are not allowed";
        var segments = reference.Split('/', '\\');
        if (segments.Contains(".."))
            return "paths may not leave the plugin folder ('..')";
        if (segments.Length > 1)
            return "no subfolders; files live directly in the plugin folder";
        return null;
    }
}
