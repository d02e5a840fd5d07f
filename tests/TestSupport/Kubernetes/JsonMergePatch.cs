using System.Text.Json.Nodes;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>RFC 7386 JSON Merge Patch: objects merge member by member, <c>null</c> removes a member, anything else replaces.</summary>
public static class JsonMergePatch
{
    /// <summary>Returns the patched document; <paramref name="target"/> is not modified.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
                result.Remove(name);
            else
                result[name] = Apply(result[name], value);
        }
        return result;
    }
}
