namespace GitOps.WebhookApi.Plugins;

/// <summary>The plugin writes as commands, shared by the REST endpoints and the GraphQL mutations.</summary>
internal static class PluginCommands
{
    public static Command Create(CreatePluginBody body)
    {
        var name = body.Name ?? "";
        if (!PluginName.IsValid(name))
        {
            return Command.Refuse(Problems.ValidationFailed([new ValidationError("request body", 0, 0, "name",
                $"'{name}' is not a DNS label ([a-z0-9]([-a-z0-9]*[a-z0-9])?, at most {PluginName.MaxLength} characters)")]));
        }
        if (body.Config is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            return Command.Refuse(Problems.BadRequest("'config' must be a JSON object"));
        var config = body.Config is { ValueKind: JsonValueKind.Object } c ? FreeFormJson.ToMap(c) : FreeForm.EmptyMap;
        return Change.Edit("plugin.create", name, "", $"{name}: create plugin", s => PluginEdits.Create(s, name, config));
    }

    public static Command Delete(string plugin) =>
        Change.Edit("plugin.delete", plugin, "", $"{plugin}: delete plugin", s => PluginEdits.Delete(s, plugin));

    public static Command SetConfig(string plugin, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return Command.Refuse(Problems.BadRequest("The body must be a JSON object: the config mapping itself"));
        var config = FreeFormJson.ToMap(body);
        return Change.Edit("plugin.config", plugin, "", $"{plugin}: update config", s => PluginEdits.SetConfig(s, plugin, config));
    }
}
