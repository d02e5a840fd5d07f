using System.Globalization;

namespace GitOps.Cli.Commands;

/// <summary>A plan (docs/DRAFTS.md) as a readable diff: <c>+</c> added, <c>-</c> removed, <c>~</c> changed; fields
/// before → after; entity counts with their delta; the ConfigMap parts that change; errors with file:line:column.</summary>
internal static class PlanView
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Prints the plan of a 2xx answer (exit 0 when valid, 1 when not), or the problem.</summary>
    public static int Print(ApiCall call, ApiResponse response)
    {
        if (!response.IsSuccess) return call.Fail(response);
        var plan = response.Json();
        call.Context.Renderer.Write(plan, Write);
        return JsonText.At(plan, "valid") == "false" ? ExitCode.Invalid : ExitCode.Ok;
    }

    public static void Write(TextWriter output, JsonNode? plan)
    {
        var head = JsonText.At(plan, "head");
        output.WriteLine($"Plan: base {ConflictReport.Short(JsonText.At(plan, "base"))} → {(head.Length == 0 ? "the given files" : $"head {ConflictReport.Short(head)}")}");
        var plugins = JsonItems.Of(JsonText.Node(plan, "plugins"));
        if (plugins.Count == 0) output.WriteLine("No changes.");
        foreach (var plugin in plugins)
        {
            output.WriteLine();
            output.WriteLine($"{Marker(plugin)} plugin {JsonText.At(plugin, "plugin")}{Entities(JsonText.Node(plugin, "entities"))}");
            WriteFields(output, "    ", JsonText.Node(plugin, "config"));
            foreach (var source in JsonItems.Of(JsonText.Node(plugin, "sources")))
            {
                output.WriteLine($"  {Marker(source)} source {JsonText.At(source, "id")}{Entities(JsonText.Node(source, "entities"))}");
                WriteFields(output, "      ", JsonText.Node(source, "fields"));
                if (JsonText.At(source, "files") is { Length: > 0 } changedFiles) output.WriteLine($"      files changed: {changedFiles}");
                if (JsonText.At(source, "secrets") is { Length: > 0 } changedSecrets) output.WriteLine($"      secrets changed: {changedSecrets}");
            }
            foreach (var part in JsonItems.Of(JsonText.Node(plugin, "configMaps")))
                output.WriteLine($"  {Marker(part)} ConfigMap {JsonText.At(part, "name")} key {JsonText.At(part, "key")}");
        }
        var summary = JsonText.Node(plan, "summary");
        output.WriteLine();
        output.WriteLine($"Summary: {JsonText.At(summary, "plugins")} plugin(s); sources {JsonText.At(summary, "sourcesAdded")} added, "
            + $"{JsonText.At(summary, "sourcesRemoved")} removed, {JsonText.At(summary, "sourcesChanged")} changed;"
            + $"{Entities(new JsonObject { ["before"] = JsonText.Node(summary, "entitiesBefore")?.DeepClone(), ["after"] = JsonText.Node(summary, "entitiesAfter")?.DeepClone() })}");
        var errors = JsonItems.Of(JsonText.Node(plan, "errors"));
        if (JsonText.At(plan, "valid") == "false" || errors.Count > 0)
        {
            output.WriteLine(JsonText.At(plan, "valid") == "false" ? "NOT VALID: publishing this would be refused:" : "Errors:");
            foreach (var error in errors) output.WriteLine($"  {ProblemReport.FormatError(error)}");
        }
    }

    private static void WriteFields(TextWriter output, string indent, JsonNode? fields)
    {
        foreach (var field in JsonItems.Of(fields))
            output.WriteLine($"{indent}{JsonText.At(field, "path")}: {Value(field, "before")} → {Value(field, "after")}");
    }

    private static string Marker(JsonNode item) => JsonText.At(item, "change") switch
    {
        "Added" => "+",
        "Removed" => "-",
        _ => "~",
    };

    /// <summary>"  entities 12 → 14 (+2)", with "?" for a count that could not be loaded; empty without counts.</summary>
    private static string Entities(JsonNode? entities)
    {
        if (entities is not JsonObject counts) return "";
        var before = Count(counts["before"]);
        var after = Count(counts["after"]);
        if (before is null && after is null && !counts.ContainsKey("before") && !counts.ContainsKey("after")) return "";
        var delta = before is { } b && after is { } a ? $" ({(a - b).ToString("+0;-0;±0", CultureInfo.InvariantCulture)})" : "";
        return $"  entities {Show(before)} → {Show(after)}{delta}";
    }

    private static long? Count(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var count) ? count : null;

    private static string Show(long? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>A field value as JSON (strings quoted), or "(none)" when the side does not have it.</summary>
    private static string Value(JsonNode field, string side) =>
        field is JsonObject obj && obj.TryGetPropertyValue(side, out var value) && value is not null ? value.ToJsonString(Compact) : "(none)";
}
