using System.Text.Json;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>The REST error cases of the API tests with their GraphQL twins (see <see cref="GraphErrorTwinTests"/>):
/// name, REST method, REST path, REST body, who, GraphQL document, expected code.</summary>
public static class GraphErrorTwinCases
{
    public const string Stale = "0000000000000000000000000000000000000000";

    public static TheoryData<string, string, string, string?, string, string, string> All()
    {
        var cases = Listed();
        // The plugin-file cases of the hostile tests that GraphQL can express (putFile takes text: invalid UTF-8 cannot be sent).
        foreach (var (name, file, content, code) in new[]
        {
            ("PutFile_BillionLaughs", "bomb.yaml", Laughs(), "VALIDATION_FAILED"),
            ("PutFile_SyntaxError", "broken.yaml", "a: [unclosed\n", "VALIDATION_FAILED"),
            ("PutFile_NulByte", "nul.yaml", "a: b\0c\n", "VALIDATION_FAILED"),
            ("PutFile_TwoDocuments", "two.yaml", "a: 1\n---\nb: 2\n", "VALIDATION_FAILED"),
            ("PutFile_DuplicateKey", "dup.yaml", "a: 1\na: 2\n", "VALIDATION_FAILED"),
            ("PutFile_NotYaml", "evil.sh", "a: 1\n", "VALIDATION_FAILED"),
            ("PutFile_OnlyAnExtension", ".yaml", "a: 1\n", "BAD_REQUEST"),
            ("PutFile_SourcesNotAMapping", "sources.yaml", "- a\n", "VALIDATION_FAILED"),
        })
        {
            cases.Add(name, "PUTYAML", $"plugins/models/files/{file}", content, "admin",
                $"mutation {{ putFile(plugin: \"models\", name: \"{file}\", content: {JsonSerializer.Serialize(content)}, expectedHead: \"*\") {{ head }} }}", code);
        }
        foreach (var sha in new[] { "xyz", "123", new string('a', 41), "g000000" })
        {
            cases.Add($"GetCommit_NotASha_{sha.Length}_{sha[0]}", "GET", $"history/{sha}", null, "viewer", $"{{ commit(sha: \"{sha}\") {{ sha }} }}", "BAD_REQUEST");
            cases.Add($"Revert_NotASha_{sha.Length}_{sha[0]}", "POST", $"history/{sha}/revert", null, "admin",
                $"mutation {{ revert(sha: \"{sha}\", expectedHead: \"*\") {{ head }} }}", "BAD_REQUEST");
        }
        return cases;
    }

    private static string Laughs()
    {
        var laughs = new System.Text.StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 10; i++)
        {
            var previous = (char)('a' + i - 1);
            laughs.Append($"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(",", Enumerable.Repeat($"*{previous}", 9))}]\n");
        }
        return laughs.ToString();
    }

    private static TheoryData<string, string, string, string?, string, string, string> Listed() => new()
    {
        // name, REST method, REST path, REST JSON body, who, GraphQL document, code
        { "GetSource_Unknown", "GET", "plugins/models/sources/no_such_source", null, "viewer",
            "{ source(plugin: \"models\", id: \"no_such_source\") { id } }", "NOT_FOUND" },
        { "GetPlugin_Unknown", "GET", "plugins/nope", null, "viewer", "{ plugin(name: \"nope\") { name } }", "NOT_FOUND" },
        { "CreatePlugin_InvalidName", "POST", "plugins", "{\"name\":\"Bad_Name\"}", "admin",
            "mutation { createPlugin(name: \"Bad_Name\", expectedHead: \"*\") { head } }", "VALIDATION_FAILED" },
        { "CreatePlugin_Existing", "POST", "plugins", "{\"name\":\"models\"}", "admin",
            "mutation { createPlugin(name: \"models\", expectedHead: \"*\") { head } }", "ALREADY_EXISTS" },
        { "PutConfig_NonObject", "PUT", "plugins/models/config", "[1,2]", "admin",
            "mutation { setPluginConfig(plugin: \"models\", config: [1, 2], expectedHead: \"*\") { head } }", "BAD_REQUEST" },
        { "AddSource_MissingType", "POST", "plugins/models/sources", "{\"id\":\"no_type\"}", "admin",
            "mutation { addSource(plugin: \"models\", source: { id: \"no_type\" }, expectedHead: \"*\") { head } }", "VALIDATION_FAILED" },
        { "AddSource_Existing", "POST", "plugins/models/sources", "{\"id\":\"community_models\",\"type\":\"yaml\",\"properties\":{\"yamlCatalogPath\":\"community-models.yaml\"}}", "admin",
            "mutation { addSource(plugin: \"models\", source: { id: \"community_models\", type: \"yaml\", properties: { yamlCatalogPath: \"community-models.yaml\" } }, expectedHead: \"*\") { head } }", "ALREADY_EXISTS" },
        { "AddSource_MissingCatalog", "POST", "plugins/models/sources", "{\"id\":\"broken\",\"type\":\"yaml\",\"properties\":{\"yamlCatalogPath\":\"missing.yaml\"}}", "admin",
            "mutation { addSource(plugin: \"models\", source: { id: \"broken\", type: \"yaml\", properties: { yamlCatalogPath: \"missing.yaml\" } }, expectedHead: \"*\") { head } }", "VALIDATION_FAILED" },
        { "UpdateSource_IdMismatch", "PUT", "plugins/models/sources/community_models", "{\"id\":\"other\",\"type\":\"yaml\"}", "admin",
            "mutation { updateSource(plugin: \"models\", id: \"community_models\", source: { id: \"other\", type: \"yaml\" }, expectedHead: \"*\") { head } }", "BAD_REQUEST" },
        { "PatchSource_Stale", "PATCH", "plugins/models/sources/community_models", "{\"enabled\":false}", "admin",
            $"mutation {{ patchSource(plugin: \"models\", id: \"community_models\", patch: {{ enabled: false }}, expectedHead: \"{Stale}\") {{ head }} }}", "HEAD_MOVED" },
        { "PatchSource_OperatorChangesName", "PATCH", "plugins/models/sources/community_models", "{\"name\":\"x\"}", "operator",
            "mutation { patchSource(plugin: \"models\", id: \"community_models\", patch: { name: \"x\" }, expectedHead: \"*\") { head } }", "FORBIDDEN" },
        { "PatchSource_Unknown", "PATCH", "plugins/models/sources/nope", "{\"enabled\":false}", "admin",
            "mutation { patchSource(plugin: \"models\", id: \"nope\", patch: { enabled: false }, expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "RemoveSource_Viewer", "DELETE", "plugins/models/sources/community_models", null, "viewer",
            "mutation { removeSource(plugin: \"models\", id: \"community_models\", expectedHead: \"*\") { head } }", "FORBIDDEN" },
        { "RemoveSource_Anonymous", "DELETE", "plugins/models/sources/community_models", null, "anonymous",
            "mutation { removeSource(plugin: \"models\", id: \"community_models\", expectedHead: \"*\") { head } }", "UNAUTHENTICATED" },
        { "ReadPlugins_Anonymous", "GET", "plugins", null, "anonymous", "{ plugins { name } }", "UNAUTHENTICATED" },
        { "PutSourcesYaml_Invalid", "PUTYAML", "plugins/models/files/sources.yaml", "sources: [ {", "admin",
            "mutation { putFile(plugin: \"models\", name: \"sources.yaml\", content: \"sources: [ {\", expectedHead: \"*\") { head } }", "VALIDATION_FAILED" },
        { "DeleteReferencedCatalog", "DELETE", "plugins/models/files/organization-models.yaml", null, "admin",
            "mutation { deleteFile(plugin: \"models\", name: \"organization-models.yaml\", expectedHead: \"*\") { head } }", "VALIDATION_FAILED" },
        { "PutFile_PathInName", "PUTYAML", "plugins/models/files/..%2Fx.yaml", "a: 1", "admin",
            "mutation { putFile(plugin: \"models\", name: \"../x.yaml\", content: \"a: 1\", expectedHead: \"*\") { head } }", "BAD_REQUEST" },
        { "PutFile_UnknownPlugin", "PUTYAML", "plugins/nope/files/x.yaml", "a: 1", "admin",
            "mutation { putFile(plugin: \"nope\", name: \"x.yaml\", content: \"a: 1\", expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "History_LimitOutOfRange", "GET", "history?limit=0", null, "viewer", "{ history(limit: 0) { sha } }", "BAD_REQUEST" },
        { "GetCommit_Unknown", "GET", "history/deadbeef", null, "viewer", "{ commit(sha: \"deadbeef\") { sha } }", "NOT_FOUND" },
        { "GetCommit_NotASha", "GET", "history/xyz", null, "viewer", "{ commit(sha: \"xyz\") { sha } }", "BAD_REQUEST" },
        { "Revert_Stale", "POST", "history/HEAD/revert", null, "admin",
            $"mutation {{ revert(sha: \"HEAD\", expectedHead: \"{Stale}\") {{ head }} }}", "HEAD_MOVED" },
        { "Refresh_UnknownPlugin", "POST", "plugins/nope/refresh", null, "operator",
            "mutation { refreshPlugin(plugin: \"nope\", expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "Refresh_UnknownSource", "POST", "plugins/models/sources/nope/refresh", null, "operator",
            "mutation { refreshSource(plugin: \"models\", id: \"nope\", expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "Refresh_Viewer", "POST", "plugins/models/refresh", null, "viewer",
            "mutation { refreshPlugin(plugin: \"models\", expectedHead: \"*\") { head } }", "FORBIDDEN" },
        { "Test_UnknownPlugin", "POST", "plugins/nope/sources:test", "{\"type\":\"yaml\"}", "operator",
            "mutation { testSource(plugin: \"nope\", source: { type: \"yaml\" }, expectedHead: \"*\") { state } }", "NOT_FOUND" },
        { "Test_NotAnObject", "POST", "plugins/models/sources:test", "[1]", "operator",
            "mutation { testSource(plugin: \"models\", source: [1], expectedHead: \"*\") { state } }", "BAD_REQUEST" },
        { "Test_UnknownSource", "POST", "plugins/models/sources/nope:test", null, "operator",
            "mutation { testSource(plugin: \"models\", id: \"nope\", expectedHead: \"*\") { state } }", "NOT_FOUND" },
        { "Entities_PageSizeZero", "GET", "plugins/models/sources/community_models/entities?pageSize=0", null, "viewer",
            "{ entities(plugin: \"models\", source: \"community_models\", first: 0) { totalCount } }", "BAD_REQUEST" },
        { "Entities_BadToken", "GET", "plugins/models/sources/community_models/entities?pageToken=garbage", null, "viewer",
            "{ entities(plugin: \"models\", source: \"community_models\", after: \"garbage\") { totalCount } }", "BAD_REQUEST" },
        { "Entities_UnknownSource", "GET", "plugins/models/sources/nope/entities", null, "viewer",
            "{ entities(plugin: \"models\", source: \"nope\") { totalCount } }", "NOT_FOUND" },
        { "Reconcile_Viewer", "POST", "reconcile", null, "viewer", "mutation { reconcile(expectedHead: \"*\") { head } }", "FORBIDDEN" },
        { "PatchSource_BadToken", "PATCH", "plugins/models/sources/community_models", "{\"enabled\":false}", "bad-token",
            "mutation { patchSource(plugin: \"models\", id: \"community_models\", patch: { enabled: false }, expectedHead: \"*\") { head } }", "UNAUTHENTICATED" },
        { "PatchSource_ChangesId", "PATCH", "plugins/models/sources/community_models", "{\"id\":\"other\"}", "admin",
            "mutation { patchSource(plugin: \"models\", id: \"community_models\", patch: { id: \"other\" }, expectedHead: \"*\") { head } }", "BAD_REQUEST" },
        { "PatchSource_WrongFieldType", "PATCH", "plugins/models/sources/community_models", "{\"enabled\":\"yes\"}", "admin",
            "mutation { patchSource(plugin: \"models\", id: \"community_models\", patch: { enabled: \"yes\" }, expectedHead: \"*\") { head } }", "BAD_REQUEST" },
        { "RemoveSource_Unknown", "DELETE", "plugins/models/sources/nope", null, "admin",
            "mutation { removeSource(plugin: \"models\", id: \"nope\", expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "Test_NoType", "POST", "plugins/models/sources:test", "{\"name\":\"no type\"}", "operator",
            "mutation { testSource(plugin: \"models\", source: { name: \"no type\" }, expectedHead: \"*\") { state } }", "VALIDATION_FAILED" },
        { "Revert_SeedCommit_Unconfirmed", "POST", "history/ROOT/revert", null, "admin",
            "mutation { revert(sha: \"ROOT\", expectedHead: \"*\") { head } }", "CONFIRMATION_REQUIRED" },
        { "Revert_SeedCommit_WrongConfirmation", "POST", "history/ROOT/revert?confirm=yes", null, "admin",
            "mutation { revert(sha: \"ROOT\", expectedHead: \"*\", confirm: \"yes\") { head } }", "CONFIRMATION_REQUIRED" },
        { "Secrets_UnknownPlugin", "GET", "plugins/nope/secrets", null, "viewer", "{ secrets(plugin: \"nope\") { newestKeyId } }", "NOT_FOUND" },
        { "Secrets_Anonymous", "GET", "plugins/models/secrets", null, "anonymous", "{ secrets(plugin: \"models\") { newestKeyId } }", "UNAUTHENTICATED" },
        { "PutSecret_Operator", "PUT", "plugins/models/secrets/token", "{\"value\":\"s3cret-value\"}", "operator",
            "mutation { putSecret(plugin: \"models\", name: \"token\", value: \"s3cret-value\", expectedHead: \"*\") { head } }", "FORBIDDEN" },
        { "PutSecret_InvalidName", "PUT", "plugins/models/secrets/-token", "{\"value\":\"s3cret-value\"}", "admin",
            "mutation { putSecret(plugin: \"models\", name: \"-token\", value: \"s3cret-value\", expectedHead: \"*\") { head } }", "BAD_REQUEST" },
        { "PutSecret_EmptyValue", "PUT", "plugins/models/secrets/token", "{\"value\":\"\"}", "admin",
            "mutation { putSecret(plugin: \"models\", name: \"token\", value: \"\", expectedHead: \"*\") { head } }", "BAD_REQUEST" },
        { "PutSecret_UnknownPlugin", "PUT", "plugins/nope/secrets/token", "{\"value\":\"s3cret-value\"}", "admin",
            "mutation { putSecret(plugin: \"nope\", name: \"token\", value: \"s3cret-value\", expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "PutSecret_Stale", "PUT", "plugins/models/secrets/token", "{\"value\":\"s3cret-value\"}", "admin",
            $"mutation {{ putSecret(plugin: \"models\", name: \"token\", value: \"s3cret-value\", expectedHead: \"{Stale}\") {{ head }} }}", "HEAD_MOVED" },
        { "DeleteSecret_Unknown", "DELETE", "plugins/models/secrets/nope", null, "admin",
            "mutation { deleteSecret(plugin: \"models\", name: \"nope\", expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "RotateSecrets_Operator", "POST", "secrets/rotate", null, "operator", "mutation { rotateSecrets(expectedHead: \"*\") { head rotated } }", "FORBIDDEN" },
        { "DeleteFile_Unknown", "DELETE", "plugins/models/files/none.yaml", null, "admin",
            "mutation { deleteFile(plugin: \"models\", name: \"none.yaml\", expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "DeleteFile_SourcesYaml", "DELETE", "plugins/models/files/sources.yaml", null, "admin",
            "mutation { deleteFile(plugin: \"models\", name: \"sources.yaml\", expectedHead: \"*\") { head } }", "VALIDATION_FAILED" },
        { "GetCommit_Unknown40", "GET", "history/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null, "viewer",
            "{ commit(sha: \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\") { sha } }", "NOT_FOUND" },
        { "Revert_Unknown40", "POST", "history/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/revert", null, "admin",
            "mutation { revert(sha: \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\", expectedHead: \"*\") { head } }", "NOT_FOUND" },
        { "Revert_Viewer", "POST", "history/HEAD/revert", null, "viewer", "mutation { revert(sha: \"HEAD\", expectedHead: \"*\") { head } }", "FORBIDDEN" },
        { "DeletePlugin_Anonymous", "DELETE", "plugins/models", null, "anonymous",
            "mutation { deletePlugin(plugin: \"models\", expectedHead: \"*\") { head } }", "UNAUTHENTICATED" },
        { "PutFile_Anonymous", "PUTYAML", "plugins/models/files/x.yaml", "a: 1", "anonymous",
            "mutation { putFile(plugin: \"models\", name: \"x.yaml\", content: \"a: 1\", expectedHead: \"*\") { head } }", "UNAUTHENTICATED" },
        { "AddSource_Viewer", "POST", "plugins/models/sources", "{\"id\":\"x\",\"type\":\"yaml\"}", "viewer",
            "mutation { addSource(plugin: \"models\", source: { id: \"x\", type: \"yaml\" }, expectedHead: \"*\") { head } }", "FORBIDDEN" },
    };
}
