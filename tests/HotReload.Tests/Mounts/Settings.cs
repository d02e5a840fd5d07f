using System.Text.Json;
using GitOps.HotReload.Mounts;

namespace GitOps.HotReload.Tests.Mounts;

/// <summary>A tiny typed config for the tests: <c>settings.json</c> = <c>{"version": n, "name": "…"}</c>.</summary>
internal sealed record Settings(int Version, string Name)
{
    public static LoadResult<Settings> Load(MountSnapshot snapshot)
    {
        var text = snapshot.ReadText("settings.json");
        if (text is null) return LoadResult.Refuse<Settings>("settings.json is missing", "settings.json");
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
            return LoadResult.Refuse<Settings>("'version' must be a number", "settings.json");
        return LoadResult.Ok(new Settings(version.GetInt32(), root.TryGetProperty("name", out var name) ? name.GetString() ?? "" : ""));
    }

    public static string Json(int version, string name = "n") => $$"""{"version": {{version}}, "name": "{{name}}"}""";
}
