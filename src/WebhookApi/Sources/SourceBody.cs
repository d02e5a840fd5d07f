namespace GitOps.WebhookApi.Sources;

/// <summary>A source as a client sends it (POST, PUT, and the result of a merge patch). <c>hash</c> and <c>status</c>
/// are accepted and ignored, so a source read with GET can be sent back as it is. <c>section</c> and <c>assetType</c> matter
/// only in Kubeflow-dialect plugins: they pick the list a new source goes to (<c>mcp_servers</c> → <c>mcp_catalogs</c>).</summary>
internal sealed record SourceBody(
    string? Id,
    string? Name,
    string? Type,
    bool? Enabled,
    ImmutableArray<string>? Labels,
    JsonElement? Properties,
    ImmutableArray<string>? Include,
    ImmutableArray<string>? Exclude,
    JsonElement? Hash = null,
    JsonElement? Status = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? AssetType = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Section = null)
{
    private const string Where = "request body";

    public static SourceBody From(SourceConfig source) => new(source.Id, source.Name, source.Type, source.Enabled,
        source.Labels, JsonSerializer.SerializeToElement(source.Properties, ApiJson.Options), source.Include, source.Exclude,
        AssetType: source.Section is null ? source.AssetType : source.EffectiveAssetType, Section: source.Section);

    /// <summary>The source config, or the field errors that stop it from being one (the snapshot validator checks the rest).</summary>
    public (SourceConfig? Source, ImmutableArray<ValidationError> Errors) ToConfig()
    {
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        if (string.IsNullOrEmpty(Id)) errors.Add(new ValidationError(Where, 0, 0, "id", "'id' is required"));
        else if (!PluginName.IsValidSourceId(Id)) errors.Add(new ValidationError(Where, 0, 0, "id", $"'{Id}' is not a valid source id ([A-Za-z0-9_.-]{{1,128}})"));
        if (string.IsNullOrWhiteSpace(Type)) errors.Add(new ValidationError(Where, 0, 0, "type", "'type' is required (the provider type, e.g. yaml)"));
        NoNullItems("labels", Labels, errors);
        NoNullItems("include", Include, errors);
        NoNullItems("exclude", Exclude, errors);
        if (Properties is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            errors.Add(new ValidationError(Where, 0, 0, "properties", "'properties' must be an object"));
        if (errors.Count > 0) return (null, errors.ToImmutable());

        var properties = Properties is { ValueKind: JsonValueKind.Object } p ? FreeFormJson.ToMap(p) : FreeForm.EmptyMap;
        var source = new SourceConfig(Id!, string.IsNullOrWhiteSpace(Name) ? Id! : Name, Type!, Enabled ?? true,
            Labels ?? [], properties, Include ?? [], Exclude ?? []) { AssetType = AssetType, Section = Section };
        return (source, []);
    }

    private static void NoNullItems(string field, ImmutableArray<string>? items, ImmutableArray<ValidationError>.Builder errors)
    {
        if (items is not { } list) return;
        for (var i = 0; i < list.Length; i++)
            if (list[i] is null) errors.Add(new ValidationError(Where, 0, 0, $"{field}[{i}]", $"'{field}' must be a list of strings; item {i} is null"));
    }
}
