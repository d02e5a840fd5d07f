using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Configuration.Editing;

namespace GitOps.Reconciler.Tests.Configuration.Editing;

/// <summary>Runs one edit on sources.yaml text the way the API does: parse, change the document, edit the file in place.</summary>
internal static class EditCase
{
    public static SourcesDocument Parse(string text) =>
        Assert.IsType<SourcesParseResult.Parsed>(SourcesFileParser.Parse("plugins/catalog/sources.yaml", Encoding.UTF8.GetBytes(text), YamlLimits.Default)).Document;

    public static string Edit(string text, Func<SourcesDocument, (IReadOnlyDictionary<string, object?> Config, IEnumerable<SourceConfig> Sources)> change)
    {
        var (config, sources) = change(Parse(text));
        var edited = SourcesYamlEditor.Edit(Encoding.UTF8.GetBytes(text), config, sources, YamlLimits.Default);
        Assert.NotNull(edited);
        var result = Encoding.UTF8.GetString(edited);
        Parse(result); // every edit must still read back
        return result;
    }

    public static string EditSources(string text, Func<ImmutableArray<SourceConfig>, IEnumerable<SourceConfig>> change) =>
        Edit(text, d => (d.Config, change(d.Sources)));

    public static IEnumerable<SourceConfig> Replace(ImmutableArray<SourceConfig> sources, string id, Func<SourceConfig, SourceConfig> change) =>
        sources.Select(s => s.Id == id ? change(s) : s);

    public static IReadOnlyDictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries) map[key] = value;
        return map;
    }

    /// <summary>The lines that differ, as "-old" / "+new", for one-line-diff assertions.</summary>
    public static IReadOnlyList<string> ChangedLines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        int head = 0, tail = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;
        return [.. a[head..^tail].Select(l => "-" + l), .. b[head..^tail].Select(l => "+" + l)];
    }
}
