using System.Net;
using System.Text.Json.Nodes;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>A response of the fake API server: a status code and a JSON body (an object, a list or a v1 Status).</summary>
public sealed record KubeResponse(int StatusCode, JsonNode Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>The v1 <c>Status</c> bodies the real API server answers errors with.</summary>
public static class KubeStatus
{
    public static KubeResponse NotFound(KubeResourceType type, string name) =>
        Failure(HttpStatusCode.NotFound, "NotFound", $"{type.QualifiedName} \"{name}\" not found", Details(type, name));

    public static KubeResponse AlreadyExists(KubeResourceType type, string name) =>
        Failure(HttpStatusCode.Conflict, "AlreadyExists", $"{type.QualifiedName} \"{name}\" already exists", Details(type, name));

    public static KubeResponse Conflict(KubeResourceType type, string name, string why = StaleObject) =>
        Failure(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": {why}", Details(type, name));

    public const string StaleObject = "the object has been modified; please apply your changes to the latest version and try again";

    public static KubeResponse Invalid(KubeResourceType type, string name, IEnumerable<(string Field, string Message)> causes)
    {
        var list = causes.ToList();
        var details = Details(type, name);
        details["causes"] = new JsonArray(list.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldValueInvalid",
            ["message"] = c.Message,
            ["field"] = c.Field,
        }).ToArray());
        var summary = string.Join(", ", list.Select(c => $"{c.Field}: {c.Message}"));
        return Failure(HttpStatusCode.UnprocessableEntity, "Invalid", $"{type.Kind} \"{name}\" is invalid: {summary}", details);
    }

    public static KubeResponse BadRequest(string message) => Failure(HttpStatusCode.BadRequest, "BadRequest", message, null);

    public static KubeResponse UnsupportedMediaType(params string[] accepted) =>
        Failure(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}", null);

    public static KubeResponse MethodNotAllowed(string method) =>
        Failure(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})", null);

    public static KubeResponse NoSuchResource() =>
        Failure(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource", null);

    public static KubeResponse Expired(long requested, long oldest) =>
        Failure(HttpStatusCode.Gone, "Expired", $"too old resource version: {requested} ({oldest})", null);

    public static KubeResponse InternalError(string message) =>
        Failure(HttpStatusCode.InternalServerError, "InternalError", $"Internal error occurred: {message}", null);

    public static KubeResponse TooManyRequests(int retryAfterSeconds) =>
        Failure(HttpStatusCode.TooManyRequests, "TooManyRequests", "Too many requests, please try again later.",
            new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds });

    /// <summary>The body of a successful DELETE of a resource without graceful deletion.</summary>
    public static KubeResponse Deleted(KubeResourceType type, string name, string? uid)
    {
        var details = Details(type, name);
        details["uid"] = uid;
        return new KubeResponse(200, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        });
    }

    private static JsonObject Details(KubeResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0) details["group"] = type.Group;
        details["kind"] = type.Plural;
        return details;
    }

    private static KubeResponse Failure(HttpStatusCode code, string reason, string message, JsonObject? details)
    {
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null) body["details"] = details;
        body["code"] = (int)code;
        return new KubeResponse((int)code, body);
    }
}
