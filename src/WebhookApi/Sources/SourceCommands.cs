using System.Security.Claims;
using System.Text.Json.Nodes;

namespace GitOps.WebhookApi.Sources;

/// <summary>The source writes as commands, shared by the REST endpoints and the GraphQL mutations.</summary>
internal static class SourceCommands
{
    public static Command Add(string plugin, SourceBody body)
    {
        var (source, errors) = body.ToConfig();
        if (source is null) return Command.Refuse(Problems.ValidationFailed(errors));
        return Change.Edit("source.add", plugin, source.Id, $"{plugin}: add source {source.Id}", s => SourceEdits.Add(s, plugin, source));
    }

    public static Command Replace(string plugin, string id, SourceBody body)
    {
        var value = body with { Id = body.Id ?? id };
        if (value.Id != id) return Command.Refuse(Problems.BadRequest($"The body's id '{value.Id}' does not match the path's id '{id}'"));
        var (source, errors) = value.ToConfig();
        if (source is null) return Command.Refuse(Problems.ValidationFailed(errors));
        return Change.Edit("source.update", plugin, id, $"{plugin}: update source {id}", s => SourceEdits.Replace(s, plugin, source));
    }

    /// <summary>A JSON merge patch; operators may change only <c>enabled</c>.</summary>
    public static Command Patch(string plugin, string id, JsonNode? body, ClaimsPrincipal user)
    {
        if (body is not JsonObject patch) return Command.Refuse(Problems.BadRequest("A merge patch of a source must be a JSON object, e.g. {\"enabled\": false}"));
        var unknown = JsonBodyRules.CheckPatch(patch, ApiJson.Options.GetTypeInfo(typeof(SourceBody)));
        if (unknown.Length > 0) return Command.Refuse(Problems.InvalidRequest(unknown));
        var onlyEnabled = patch.Count == 1 && patch["enabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out _);
        if (!onlyEnabled && !user.IsAdmin())
            return Command.Refuse(Problems.Forbidden("Operators may change only 'enabled' (e.g. {\"enabled\": false}); other fields need the admin role"));
        var summary = onlyEnabled
            ? $"{plugin}: {(patch["enabled"]!.GetValue<bool>() ? "enable" : "disable")} source {id}"
            : $"{plugin}: update source {id}";
        var action = onlyEnabled ? (patch["enabled"]!.GetValue<bool>() ? "source.enable" : "source.disable") : "source.patch";
        return Change.Edit(action, plugin, id, summary, s => SourceEdits.Patch(s, plugin, id, patch));
    }

    public static Command Delete(string plugin, string id) =>
        Change.Edit("source.delete", plugin, id, $"{plugin}: delete source {id}", s => SourceEdits.Delete(s, plugin, id));
}
