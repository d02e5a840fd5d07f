using System.Collections.Immutable;

namespace GitOps.Reconciler.Configuration;

/// <summary>Checks a parsed sources.yaml against DESIGN §2 and the files of its plugin folder.</summary>
public static class SourcesValidator
{
    public static ImmutableArray<ValidationError> Validate(
        string folder, string pluginName, SourcesParseResult.Parsed parsed,
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, YamlLimits limits)
    {
        var file = $"{folder}/{SnapshotBuilder.SourcesFile}";
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var document = parsed.Document;
        if (document.Plugin != pluginName)
            errors.Add(new ValidationError(file, 0, 0, "plugin", $"plugin '{document.Plugin}' does not match its folder name '{pluginName}'"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Sources.Length; i++)
        {
            var source = document.Sources[i];
            var location = parsed.Locations[i];
            if (!PluginName.IsValidSourceId(source.Id))
                errors.Add(new ValidationError(file, location.Line, location.Column, $"sources[{i}].id", $"id '{source.Id}' must match [A-Za-z0-9_.-]{{1,128}}"));
            else if (!seen.Add(source.Id))
                errors.Add(new ValidationError(file, location.Line, location.Column, $"sources[{i}].id", $"duplicate source id '{source.Id}'"));
            foreach (var referenced in source.ReferencedFiles)
                if (!files.ContainsKey(referenced))
                    errors.Add(new ValidationError(file, location.Line, location.Column, $"sources[{i}].properties", $"catalog file '{referenced}' not found in {folder}"));
        }
        _ = limits;
        return errors.ToImmutable();
    }
}
