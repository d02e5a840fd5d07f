using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Configuration;
using GitOps.TestSupport.Kubernetes;
using GitOps.WebhookApi.Tests.Runtime;

namespace GitOps.WebhookApi.Tests.Reconciliation;

/// <summary>A 3 MB Kubeflow-dialect plugin end to end (issue 13): reconciled into ConfigMap parts, an API toggle is a one-line
/// commit, and the ConfigMap then still holds a file Kubeflow's strict rules read.</summary>
[Collection(RuntimeApp.Collection)]
public sealed class KubeflowPluginHostTests : IAsyncLifetime
{
    private const string Sources = """
        # Kubeflow catalog sources, edited through the GitOps API.
        model_catalogs:
          - name: "Organization AI Models"
            id: organization_ai_models
            type: yaml
            enabled: true
            properties:
              yamlCatalogPath: organization-models.yaml
            labels:
              - Organization AI
          - name: "Community Models"   # large and noisy
            id: community_models
            type: yaml
            properties:
              yamlCatalogPath: community-models.yaml
            excludedModels:
              - "*-GGUF"
        mcp_catalogs:
          - name: "Organization MCP Servers"
            id: organization_mcp
            type: yaml
            properties:
              yamlCatalogPath: organization-mcp.yaml

        """;

    private FakeKubeApiServer _kube = null!;

    public async Task InitializeAsync() => _kube = await FakeKubeApiServer.StartAsync("kubeflow");

    public async Task DisposeAsync() => await _kube.DisposeAsync();

    private static void WriteSeed(string seed)
    {
        var folder = Directory.CreateDirectory(Path.Combine(seed, "plugins", "catalog")).FullName;
        File.WriteAllText(Path.Combine(folder, "sources.yaml"), Sources);
        File.WriteAllText(Path.Combine(folder, "organization-models.yaml"), Catalog("models", "granite", 3_300));
        File.WriteAllText(Path.Combine(folder, "community-models.yaml"), Catalog("models", "community", 3_300));
        File.WriteAllText(Path.Combine(folder, "organization-mcp.yaml"), Catalog("mcp_servers", "server", 3_300));
        File.WriteAllText(Path.Combine(folder, "validated-models.yaml"), Catalog("models", "validated", 1_500)); // staged, not yet a source
    }

    /// <summary>A catalog of <paramref name="count"/> entities of about 275 bytes each (a description and customProperties).</summary>
    private static string Catalog(string key, string prefix, int count)
    {
        var text = new StringBuilder($"source: {prefix}\n{key}:\n");
        for (var i = 0; i < count; i++)
            text.Append(CultureInfoFree($"  - name: {prefix}-{i:D5}{(i % 10 == 0 ? "-GGUF" : "")}\n    description: |\n      Entity {i} of the {prefix} catalog, with enough text to be realistic in size.\n      A second line of the readme-like description.\n    customProperties:\n      size: {{metadataType: MetadataStringValue, string_value: \"{i % 70}B\"}}\n"));
        return text.ToString();
    }

    private static string CultureInfoFree(FormattableString text) => FormattableString.Invariant(text);

    [Fact]
    public async Task ToggleThroughTheApi_IsAOneLineCommit_AndTheConfigMapPartsStayKubeflowReadable()
    {
        using var app = new ReconcileApp(_kube, WriteSeed);
        using var client = app.CreateClient();
        await WaitForStatusAsync(client, s => s.GetProperty("lastReconcile").GetProperty("configMapsChecked").GetBoolean());
        var plugin = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/plugins/catalog", UriKind.Relative));
        Assert.Equal("kubeflow", plugin.GetProperty("dialect").GetString());
        Assert.True(plugin.GetProperty("files").EnumerateArray().Sum(f => f.GetProperty("size").GetInt32()) > 3_000_000);

        using var patch = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/plugins/catalog/sources/organization_ai_models",
            """{"enabled": false}""", "*", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var head = patch.Headers.ETag!.Tag.Trim('"');
        var status = await WaitForStatusAsync(client, s => s.GetProperty("lastReconcile").GetProperty("appliedHead").GetString() == head
            && s.GetProperty("lastReconcile").GetProperty("configMapsChecked").GetBoolean());

        var commit = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/history/{head}", UriKind.Relative));
        var file = Assert.Single(commit.GetProperty("files").EnumerateArray());
        var changed = file.GetProperty("patch").GetString()!.Split('\n').Where(l => l.Length > 0 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        Assert.Equal(["-    enabled: true", "+    enabled: false"], changed);

        var catalog = status.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "catalog");
        Assert.True(catalog.GetProperty("desiredHash").GetString() == catalog.GetProperty("configMapHash").GetString(), status.ToString());
        var parts = _kube.Store.All(KubeResourceType.ConfigMaps, _kube.Namespace)
            .Where(c => c["metadata"]!["labels"]?["gitops.reconciler/plugin"]?.GetValue<string>() == "catalog").ToList();
        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.Equal(head, p["metadata"]!["annotations"]!["gitops.reconciler/commit"]!.GetValue<string>()));
        var first = parts.Single(p => p["metadata"]!["name"]!.GetValue<string>() == "gitops-catalog");
        var mounted = first["data"]!["sources.yaml"]!.GetValue<string>();
        Assert.Equal(Sources.Replace("    enabled: true\n", "    enabled: false\n", StringComparison.Ordinal), mounted);

        // Kubeflow's strict decode: the mounted file reads; the same file with one unknown field does not.
        var read = Assert.IsType<SourcesParseResult.Parsed>(Parse(mounted));
        Assert.Equal("kubeflow", read.Document.Dialect);
        Assert.False(read.Document.Sources.Single(s => s.Id == "organization_ai_models").Enabled);
        var refused = Assert.IsType<SourcesParseResult.Failed>(Parse(mounted.Replace("    enabled: false\n", "    enabled: false\n    apiVersion: gitops/v1\n", StringComparison.Ordinal)));
        Assert.Equal("model_catalogs[0].apiVersion", Assert.Single(refused.Errors).Field);
    }

    private static SourcesParseResult Parse(string text) =>
        SourcesFileParser.Parse("catalog/sources.yaml", Encoding.UTF8.GetBytes(text), YamlLimits.Default);

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/status", UriKind.Relative), timeout.Token);
            if (status.GetProperty("lastReconcile").ValueKind == JsonValueKind.Object && condition(status)) return status;
            await Task.Delay(50, timeout.Token);
        }
    }
}
