using System.Net;
using System.Text;
using static GitOps.WebhookApi.Tests.Hostile.HostileCase;

namespace GitOps.WebhookApi.Tests.Hostile;

/// <summary>The hostile input catalogue: every case is refused with a problem naming what is wrong (or, for a dry run,
/// answered with a diagnostic), and none moves the head. <c>{head}</c> in a path or If-Match stands for the current head.</summary>
public static class HostileCases
{
    private const string Sources = "api/v1/plugins/models/sources";
    private const string Source = "api/v1/plugins/models/sources/organization_ai_models";
    private const string Valid = """{"id":"h1","name":"H","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml"}}""";

    public static IReadOnlyDictionary<string, HostileCase> ByName { get; } = All().ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in ByName.Keys) data.Add(name);
        return data;
    }

    private static IEnumerable<HostileCase> All() =>
        NonFiniteNumbers().Concat(DuplicatesUnknownsAndNulls()).Concat(MalformedJson()).Concat(MediaTypes()).Concat(Preconditions())
            .Concat(PluginFiles()).Concat(QueryParameters()).Concat(RoutesAndMethods()).Concat(HttpSources()).Concat(Webhooks())
            .Concat(Roles()).Concat(DryRuns());

    private static IEnumerable<HostileCase> NonFiniteNumbers()
    {
        string[] numbers = ["1e999", "-1e999", "1e400", "2e308", "-9.9e999", "123456789e400"];
        foreach (var n in numbers)
        {
            yield return JsonBody($"non-finite {n} in a new source's properties", "POST", Sources,
                $$$"""{"id":"nf","name":"N","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml","x":{{{n}}}}}""",
                HttpStatusCode.UnprocessableEntity, "validation-failed", "properties.x");
            yield return JsonBody($"non-finite {n} in a plugin config", "PUT", "api/v1/plugins/models/config",
                $$$"""{"pageSize":{{{n}}}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "pageSize");
            yield return JsonBody($"non-finite {n} nested in a new plugin's config", "POST", "api/v1/plugins",
                $$$"""{"name":"nfp","config":{"a":[1,{"b":{{{n}}}}]}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "config.a[1].b");
            yield return JsonBody($"non-finite {n} in a merge patch", "PATCH", Source,
                $$$"""{"properties":{"x":{{{n}}}}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "properties.x", MergePatch);
        }
        yield return JsonBody("non-finite in a replaced source", "PUT", Source,
            """{"id":"organization_ai_models","name":"O","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml","big":1e999}}""",
            HttpStatusCode.UnprocessableEntity, "validation-failed", "properties.big");
    }

    private static IEnumerable<HostileCase> DuplicatesUnknownsAndNulls()
    {
        yield return JsonBody("duplicate id", "POST", Sources, """{"id":"a","id":"b","type":"yaml"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key 'id'");
        yield return JsonBody("duplicate id differing in case", "POST", Sources, """{"id":"a","ID":"b","type":"yaml"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key 'ID'");
        yield return JsonBody("duplicate key in properties", "POST", Sources,
            """{"id":"d","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml","yamlCatalogPath":"community-models.yaml"}}""",
            HttpStatusCode.UnprocessableEntity, "validation-failed", "properties.yamlCatalogPath");
        yield return JsonBody("duplicate key in config", "PUT", "api/v1/plugins/models/config", """{"a":1,"a":2}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key 'a'");
        yield return JsonBody("duplicate key deep in config", "PUT", "api/v1/plugins/models/config", """{"a":{"b":[{"c":1,"c":1}]}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "a.b[0].c");
        yield return JsonBody("duplicate plugin name", "POST", "api/v1/plugins", """{"name":"x1","name":"x2"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key 'name'");
        yield return JsonBody("duplicate key in a merge patch", "PATCH", Source, """{"enabled":false,"enabled":true}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key 'enabled'", MergePatch);
        yield return JsonBody("duplicate key in a replaced source", "PUT", Source,
            """{"id":"organization_ai_models","type":"yaml","type":"http"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key 'type'");
        foreach (var field in new[] { "enabeld", "identifier", "propertys", "labels2", "__proto__" })
        {
            yield return JsonBody($"unknown field {field} in a new source", "POST", Sources,
                Valid[..^1] + $$""","{{field}}":false}""", HttpStatusCode.UnprocessableEntity, "validation-failed", $"unknown field '{field}'");
            yield return JsonBody($"unknown field {field} in a merge patch", "PATCH", Source,
                $$"""{"{{field}}":false}""", HttpStatusCode.UnprocessableEntity, "validation-failed", $"unknown field '{field}'", MergePatch);
        }
        yield return JsonBody("unknown field in a new plugin", "POST", "api/v1/plugins", """{"name":"u1","confg":{}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "unknown field 'confg'");
        yield return JsonBody("unknown field in a replaced source", "PUT", Source,
            """{"id":"organization_ai_models","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml"},"enabeld":false}""",
            HttpStatusCode.UnprocessableEntity, "validation-failed", "unknown field 'enabeld'");
        foreach (var field in new[] { "id", "name", "type", "enabled", "labels", "properties", "include", "exclude" })
            yield return JsonBody($"null {field} in a new source", "POST", Sources,
                $$"""{"id":"n1","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml"},"{{field}}":null}""".Replace($"\"{field}\":\"n1\",", "", StringComparison.Ordinal)
                    .Replace($"\"{field}\":\"yaml\",", "", StringComparison.Ordinal).Replace($"\"{field}\":{{\"yamlCatalogPath\":\"organization-models.yaml\"}},", "", StringComparison.Ordinal),
                HttpStatusCode.UnprocessableEntity, "validation-failed", $"'{field}' must not be null");
        yield return JsonBody("null plugin name", "POST", "api/v1/plugins", """{"name":null}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "'name' must not be null");
        yield return JsonBody("null plugin config", "POST", "api/v1/plugins", """{"name":"n2","config":null}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "'config' must not be null");
        foreach (var field in new[] { "labels", "include", "exclude" })
        {
            yield return JsonBody($"null item in {field} of a new source", "POST", Sources,
                Valid[..^1] + $$""","{{field}}":["ok",null]}""", HttpStatusCode.UnprocessableEntity, "validation-failed", $"{field}[1]");
            yield return JsonBody($"null item in {field} of a merge patch", "PATCH", Source,
                $$"""{"{{field}}":[null]}""", HttpStatusCode.BadRequest, "bad-request", $"{field}[0]", MergePatch);
        }
    }

    private static IEnumerable<HostileCase> MalformedJson()
    {
        var bodies = new (string Name, byte[] Body)[]
        {
            ("truncated", "{\"id\":"u8.ToArray()),
            ("an array", "[1,2]"u8.ToArray()),
            ("a string", "\"source\""u8.ToArray()),
            ("JSON null", "null"u8.ToArray()),
            ("trailing garbage", "{\"id\":\"x\"} x"u8.ToArray()),
            ("single quotes", "{'id':'x'}"u8.ToArray()),
            ("a comment", "{/* c */\"id\":\"x\"}"u8.ToArray()),
            ("NaN literal", "{\"id\":\"x\",\"type\":\"yaml\",\"properties\":{\"x\":NaN}}"u8.ToArray()),
            ("Infinity literal", "{\"id\":\"x\",\"type\":\"yaml\",\"properties\":{\"x\":Infinity}}"u8.ToArray()),
            ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200))),
            ("invalid UTF-8", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]),
            ("a NUL byte", "{\"id\":\"a\0b\"}"u8.ToArray()),
            ("a number as id", "{\"id\":5,\"type\":\"yaml\"}"u8.ToArray()),
            ("labels as a string", "{\"id\":\"x\",\"type\":\"yaml\",\"labels\":\"a\"}"u8.ToArray()),
            ("enabled as a string", "{\"id\":\"x\",\"type\":\"yaml\",\"enabled\":\"yes\"}"u8.ToArray()),
        };
        foreach (var (name, body) in bodies)
            yield return new HostileCase($"malformed body ({name}) for a new source", "POST", Sources, HttpStatusCode.BadRequest, "bad-request", body, HostileCase.Json, "*");
        yield return new HostileCase("config with invalid UTF-8", "PUT", "api/v1/plugins/models/config", HttpStatusCode.BadRequest, "bad-request", [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], HostileCase.Json, "*", Names: "UTF-8");
        yield return new HostileCase("merge patch with invalid UTF-8", "PATCH", Source, HttpStatusCode.BadRequest, "bad-request", [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], MergePatch, "*", Names: "UTF-8");
        yield return new HostileCase("empty body for a new source", "POST", Sources, HttpStatusCode.BadRequest, "bad-request", [], HostileCase.Json, "*");
        yield return new HostileCase("empty body for a config", "PUT", "api/v1/plugins/models/config", HttpStatusCode.BadRequest, "bad-request", [], HostileCase.Json, "*");
        yield return new HostileCase("config as an array", "PUT", "api/v1/plugins/models/config", HttpStatusCode.BadRequest, "bad-request", "[1]"u8.ToArray(), HostileCase.Json, "*");
        yield return new HostileCase("merge patch as an array", "PATCH", Source, HttpStatusCode.BadRequest, "bad-request", "[1]"u8.ToArray(), MergePatch, "*");
        yield return new HostileCase("merge patch truncated", "PATCH", Source, HttpStatusCode.BadRequest, "bad-request", "{\"enabled\":"u8.ToArray(), MergePatch, "*");
        yield return new HostileCase("body over 1 MiB", "POST", Sources, HttpStatusCode.RequestEntityTooLarge, "payload-too-large",
            Encoding.UTF8.GetBytes("{\"id\":\"" + new string('a', 1024 * 1024 + 10) + "\"}"), HostileCase.Json, "*");
    }

    private static IEnumerable<HostileCase> MediaTypes()
    {
        foreach (var type in new[] { "text/plain", "application/yaml", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "not a media type" })
        {
            yield return new HostileCase($"new source as {type}", "POST", Sources, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", Encoding.UTF8.GetBytes(Valid), type, "*", Names: "application/json");
            yield return new HostileCase($"config as {type}", "PUT", "api/v1/plugins/models/config", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "{}"u8.ToArray(), type, "*", Names: "application/json");
        }
        yield return new HostileCase("new source without a content type", "POST", Sources, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", Encoding.UTF8.GetBytes(Valid), null, "*", Names: "application/json");
        yield return new HostileCase("file as JSON", "PUT", "api/v1/plugins/models/files/x.yaml", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "a: 1"u8.ToArray(), HostileCase.Json, "*", Names: "application/yaml");
        yield return new HostileCase("file as text/plain", "PUT", "api/v1/plugins/models/files/x.yaml", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "a: 1"u8.ToArray(), "text/plain", "*", Names: "application/yaml");
        yield return new HostileCase("merge patch as text/plain", "PATCH", Source, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "{}"u8.ToArray(), "text/plain", "*", Names: "application/merge-patch+json");
    }

    private static IEnumerable<HostileCase> Preconditions()
    {
        (string Name, string? IfMatch, HttpStatusCode Status, string Slug, string Names)[] variants =
        [
            ("a weak tag of the head", "W/\"{head}\"", HttpStatusCode.BadRequest, "bad-request", "weak"),
            ("a lower-case weak tag", "w/\"{head}\"", HttpStatusCode.BadRequest, "bad-request", "weak"),
            ("a quoted star", "\"*\"", HttpStatusCode.BadRequest, "bad-request", "without quotes"),
            ("an empty tag", "\"\"", HttpStatusCode.BadRequest, "bad-request", "empty entity tag"),
            ("a stale head", "\"0000000000000000000000000000000000000000\"", HttpStatusCode.Conflict, "head-moved", "currentHead"),
            ("no If-Match", null, (HttpStatusCode)428, "if-match-required", "If-Match"),
        ];
        foreach (var (name, ifMatch, status, slug, names) in variants)
        {
            yield return new HostileCase($"disable with {name}", "PATCH", Source, status, slug, """{"enabled":false}"""u8.ToArray(), MergePatch, ifMatch, Names: names);
            yield return new HostileCase($"delete a plugin with {name}", "DELETE", "api/v1/plugins/mcp", status, slug, IfMatch: ifMatch, Names: names);
            yield return new HostileCase($"revert with {name}", "POST", "api/v1/history/{head}/revert", status, slug, IfMatch: ifMatch, Names: names);
        }
        yield return new HostileCase("revert of the seed commit, which removes every plugin", "POST", "api/v1/history/{head}/revert",
            HttpStatusCode.Conflict, "confirmation-required", IfMatch: "*", Names: "confirm=remove-all-plugins");
        yield return new HostileCase("revert of the seed commit with a wrong confirmation", "POST", "api/v1/history/{head}/revert?confirm=yes",
            HttpStatusCode.Conflict, "confirmation-required", IfMatch: "*", Names: "remove-all-plugins");
    }

    private static IEnumerable<HostileCase> PluginFiles()
    {
        var laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 10; i++) laughs.Append($"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)},*{(char)('a' + i - 1)},*{(char)('a' + i - 1)},*{(char)('a' + i - 1)},*{(char)('a' + i - 1)},*{(char)('a' + i - 1)},*{(char)('a' + i - 1)},*{(char)('a' + i - 1)},*{(char)('a' + i - 1)}]\n");
        yield return YamlFile("file with a billion laughs", "bomb.yaml", Encoding.UTF8.GetBytes(laughs.ToString()), HttpStatusCode.UnprocessableEntity, "validation-failed", "alias-expansion limit");
        yield return YamlFile("file with a syntax error", "broken.yaml", "a: [unclosed\n"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "validation-failed", "YAML syntax error");
        yield return YamlFile("file with invalid UTF-8", "latin1.yaml", [0x61, 0x3A, 0x20, 0xE9, 0x0A], HttpStatusCode.UnprocessableEntity, "validation-failed", "not valid UTF-8");
        yield return YamlFile("file with a NUL byte", "nul.yaml", "a: b\0c\n"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "validation-failed", "NUL byte");
        yield return YamlFile("file with two documents", "two.yaml", "a: 1\n---\nb: 2\n"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "validation-failed", "one YAML document");
        yield return YamlFile("file nested too deep", "deep.yaml", Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100)), HttpStatusCode.UnprocessableEntity, "validation-failed", "depth limit");
        yield return YamlFile("file with a duplicate key", "dup.yaml", "a: 1\na: 2\n"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key");
        yield return YamlFile("file with an undefined alias", "alias.yaml", "a: *nowhere\n"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "validation-failed", "no anchor");
        foreach (var name in new[] { "evil.sh", "README.md", "notes.txt", "catalog.json", "noextension", "x.yaml.bak", "x.YAML", ".yaml" })
            yield return YamlFile($"file named {name}", name, "a: 1\n"u8.ToArray(), name == ".yaml" ? HttpStatusCode.BadRequest : HttpStatusCode.UnprocessableEntity,
                name == ".yaml" ? "bad-request" : "validation-failed", name == ".yaml" ? "not a valid file name" : "only YAML files");
        yield return YamlFile("sources.yaml that is not a mapping", "sources.yaml", "- a\n"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "validation-failed", "expected a mapping");
        yield return YamlFile("catalog replaced by a bomb", "organization-models.yaml", Encoding.UTF8.GetBytes(laughs.ToString()), HttpStatusCode.UnprocessableEntity, "validation-failed", "alias-expansion limit");
        yield return YamlFile("catalog with a NaN name list", "organization-models.yaml", "models: [{name: .nan}, 3]\n"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "validation-failed", "models[1]");
        yield return new HostileCase("delete of a file that does not exist", "DELETE", "api/v1/plugins/models/files/none.yaml", HttpStatusCode.NotFound, "not-found", IfMatch: "*", Names: "none.yaml");
        yield return new HostileCase("delete of sources.yaml", "DELETE", "api/v1/plugins/models/files/sources.yaml", HttpStatusCode.UnprocessableEntity, "validation-failed", IfMatch: "*", Names: "missing sources.yaml");
    }

    private static IEnumerable<HostileCase> QueryParameters()
    {
        foreach (var limit in new[] { "abc", "0", "-1", "1e11", "99999999999", "1.5", "0x10", "", " 5" })
            yield return new HostileCase($"history limit={limit}", "GET", $"api/v1/history?limit={Uri.EscapeDataString(limit)}", HttpStatusCode.BadRequest, "bad-request", Names: "'limit'");
        const string Entities = "api/v1/plugins/models/sources/organization_ai_models/entities";
        foreach (var size in new[] { "abc", "0", "501", "1e11", "-5", "2147483648" })
            yield return new HostileCase($"entities pageSize={size}", "GET", $"{Entities}?pageSize={size}", HttpStatusCode.BadRequest, "bad-request", Names: "'pageSize'");
        foreach (var token in new[] { "garbage", "djE6LTE", "djI6MTA", new string('A', 100), "%00" })
            yield return new HostileCase($"entities pageToken={token[..Math.Min(12, token.Length)]}", "GET", $"{Entities}?pageToken={token}", HttpStatusCode.BadRequest, "bad-request", Names: "pageToken");
        foreach (var sha in new[] { "xyz", "123", new string('a', 41), "g000000" })
        {
            yield return new HostileCase($"history of sha {sha[..Math.Min(8, sha.Length)]} ({sha.Length})", "GET", $"api/v1/history/{sha}", HttpStatusCode.BadRequest, "bad-request", Names: "not a commit sha");
            yield return new HostileCase($"revert of sha {sha[..Math.Min(8, sha.Length)]} ({sha.Length})", "POST", $"api/v1/history/{sha}/revert", HttpStatusCode.BadRequest, "bad-request", IfMatch: "*", Names: "not a commit sha");
        }
        yield return new HostileCase("history of an unknown commit", "GET", "api/v1/history/" + new string('b', 40), HttpStatusCode.NotFound, "not-found", Names: "does not exist");
        yield return new HostileCase("revert of an unknown commit", "POST", "api/v1/history/" + new string('b', 40) + "/revert", HttpStatusCode.NotFound, "not-found", IfMatch: "*", Names: "not found");
    }

    private static IEnumerable<HostileCase> RoutesAndMethods()
    {
        (string Method, string Path, string Allowed)[] methods =
        [
            ("DELETE", "api/v1/status", "GET"),
            ("PUT", "api/v1/plugins", "GET"),
            ("PATCH", "api/v1/plugins/models", "GET"),
            ("POST", "api/v1/history", "GET"),
            ("GET", "api/v1/reconcile", "POST"),
            ("POST", "api/v1/plugins/models/files", "GET"),
            ("GET", "webhooks/github", "POST"),
        ];
        foreach (var (method, path, allowed) in methods)
            yield return new HostileCase($"{method} {path}", method, path, HttpStatusCode.MethodNotAllowed, "method-not-allowed", Names: allowed);
        foreach (var path in new[] { "api/v1/nope", "api/v2/plugins", "api/v1/plugins/models/nope", "api/v1/plugins/models/sources/organization_ai_models/nope" })
            yield return new HostileCase($"GET {path}", "GET", path, HttpStatusCode.NotFound, "not-found", Names: "Nothing is served");
        foreach (var (path, names) in new[]
        {
            ("api/v1/plugins/nope", "'nope'"), ("api/v1/plugins/models/sources/nope", "'nope'"), ("api/v1/plugins/models/files/nope.yaml", "nope.yaml"),
            ("api/v1/plugins/nope/sources", "'nope'"), ("api/v1/plugins/models/sources/nope/entities", "'nope'"), ("api/v1/plugins/%2e%2e", "not-found"),
        })
            yield return new HostileCase($"GET {path}", "GET", path, HttpStatusCode.NotFound, "not-found", Names: names);
    }

    private static IEnumerable<HostileCase> HttpSources()
    {
        foreach (var url in new[] { "file:///etc/passwd", "ftp://example.com/c.yaml", "javascript:alert(1)", "gopher://x/", "relative/path.yaml", "" })
            yield return JsonBody($"http source with url '{url}'", "POST", Sources,
                $$$"""{"id":"u","type":"http","properties":{"url":"{{{url}}}"}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "properties.url");
        yield return JsonBody("http source without a url", "POST", Sources, """{"id":"u","type":"http"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "properties.url");
        yield return JsonBody("http source with a numeric url", "POST", Sources, """{"id":"u","type":"http","properties":{"url":5}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "properties.url");
        yield return JsonBody("source of an unknown type", "POST", Sources, """{"id":"u","type":"exec"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "unknown type 'exec'");
        yield return JsonBody("yaml source leaving the folder", "POST", Sources, """{"id":"u","type":"yaml","properties":{"yamlCatalogPath":"../mcp/sources.yaml"}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "yamlCatalogPath");
        yield return JsonBody("source id with a slash", "POST", Sources, """{"id":"a/b","type":"yaml"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "not a valid source id");
        yield return JsonBody("source id of 200 characters", "POST", Sources, "{\"id\":\"" + new string('a', 200) + "\",\"type\":\"yaml\"}", HttpStatusCode.UnprocessableEntity, "validation-failed", "not a valid source id");
        yield return JsonBody("existing source id", "POST", Sources, """{"id":"organization_ai_models","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml"}}""", HttpStatusCode.Conflict, "already-exists", "already exists");
        yield return JsonBody("plugin name with capitals", "POST", "api/v1/plugins", """{"name":"Bad_Name"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "DNS label");
        yield return JsonBody("existing plugin", "POST", "api/v1/plugins", """{"name":"models"}""", HttpStatusCode.Conflict, "already-exists", "models");
    }

    private static IEnumerable<HostileCase> Webhooks()
    {
        yield return GitHub("delivery id of 10 KiB", "ping", "{}", new string('d', 10 * 1024), HttpStatusCode.BadRequest, "bad-request", "X-GitHub-Delivery");
        yield return GitHub("delivery id of 201 characters", "ping", "{}", new string('d', 201), HttpStatusCode.BadRequest, "bad-request", "X-GitHub-Delivery");
        yield return GitHub("delivery id with a space", "ping", "{}", "a b", HttpStatusCode.BadRequest, "bad-request", "X-GitHub-Delivery");
        yield return GitHub("delivery id with a tab", "ping", "{}", "a\tb", HttpStatusCode.BadRequest, "bad-request", "X-GitHub-Delivery");
        yield return GitHub("push that is not JSON", "push", "not json", "hostile-1", HttpStatusCode.BadRequest, "bad-request", null);
        yield return GitHub("push with JSON null", "push", "null", "hostile-2", HttpStatusCode.BadRequest, "bad-request", null);
        yield return new HostileCase("github delivery with a wrong signature", "POST", "webhooks/github", HttpStatusCode.Unauthorized, "unauthorized", "{}"u8.ToArray(), HostileCase.Json,
            Caller: Caller.Anonymous, Names: "does not match", Headers: [new("X-GitHub-Event", "ping"), new("X-Hub-Signature-256", "sha256=" + new string('0', 64))]);
        yield return new HostileCase("github delivery without a signature", "POST", "webhooks/github", HttpStatusCode.Unauthorized, "unauthorized", "{}"u8.ToArray(), HostileCase.Json,
            Caller: Caller.Anonymous, Names: "missing", Headers: [new("X-GitHub-Event", "ping")]);
        yield return new HostileCase("gitlab delivery to an unconfigured endpoint", "POST", "webhooks/gitlab", HttpStatusCode.Unauthorized, "unauthorized", "{}"u8.ToArray(), HostileCase.Json,
            Caller: Caller.Anonymous, Names: "not configured");
        yield return new HostileCase("github delivery over 1 MiB", "POST", "webhooks/github", HttpStatusCode.RequestEntityTooLarge, "payload-too-large",
            new byte[1024 * 1024 + 1], HostileCase.Json, Caller: Caller.Anonymous);
    }

    private static IEnumerable<HostileCase> Roles()
    {
        yield return new HostileCase("viewer adds a source", "POST", Sources, HttpStatusCode.Forbidden, "forbidden", Encoding.UTF8.GetBytes(Valid), HostileCase.Json, "*", Caller.Viewer);
        yield return new HostileCase("viewer reverts", "POST", "api/v1/history/{head}/revert", HttpStatusCode.Forbidden, "forbidden", IfMatch: "*", Caller: Caller.Viewer);
        yield return new HostileCase("anonymous reads plugins", "GET", "api/v1/plugins", HttpStatusCode.Unauthorized, "unauthorized", Caller: Caller.Anonymous);
        yield return new HostileCase("anonymous deletes a plugin", "DELETE", "api/v1/plugins/models", HttpStatusCode.Unauthorized, "unauthorized", IfMatch: "*", Caller: Caller.Anonymous);
        yield return new HostileCase("anonymous puts a file", "PUT", "api/v1/plugins/models/files/x.yaml", HttpStatusCode.Unauthorized, "unauthorized", "a: 1"u8.ToArray(), Yaml, "*", Caller.Anonymous);
    }

    private static IEnumerable<HostileCase> DryRuns()
    {
        const string Test = "api/v1/plugins/models/sources:test";
        yield return JsonBody("dry run with a duplicate key", "POST", Test, """{"type":"yaml","type":"http"}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key 'type'", ifMatch: null);
        yield return JsonBody("dry run with a non-finite number", "POST", Test, """{"type":"http","properties":{"url":"http://example.invalid/","timeoutSeconds":1e999}}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "properties.timeoutSeconds", ifMatch: null);
        // A dry run reads its body as the writes do (one source dialect): malformed JSON is 400 saying where, a bad source 422.
        yield return JsonBody("dry run that is not JSON", "POST", Test, "{", HttpStatusCode.BadRequest, "bad-request", "Malformed JSON", ifMatch: null);
        yield return JsonBody("dry run without a type", "POST", Test, "{}", HttpStatusCode.UnprocessableEntity, "validation-failed", "'type'", ifMatch: null);
        yield return JsonBody("dry run with an unknown field", "POST", Test, """{"type":"yaml","enabeld":true}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "unknown field 'enabeld'", ifMatch: null);
        yield return JsonBody("dry run of an existing source with a duplicate key", "POST", "api/v1/plugins/models/sources/organization_ai_models:test", """{"enabled":true,"enabled":false}""", HttpStatusCode.UnprocessableEntity, "validation-failed", "duplicate key", ifMatch: null);
        foreach (var url in new[] { "http://127.0.0.1:9/c.yaml", "http://localhost:9/c.yaml", "http://[::1]:9/c.yaml", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:9/", "file:///etc/passwd" })
            yield return JsonBody($"dry run fetching {url}", "POST", Test, $$$"""{"type":"http","properties":{"url":"{{{url}}}"}}""", HttpStatusCode.OK, null,
                url.StartsWith("file", StringComparison.Ordinal) ? "scheme 'file'" : "refused to connect", ifMatch: null);
    }
}
