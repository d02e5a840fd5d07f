using System.Net.Http.Headers;
using System.Text;
using GitOps.TestSupport.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.WebhookApi.Tests.Runtime;

/// <summary>The API host on its own seeded repository, with a fake clock for the rate limits and the API's token auth (one
/// token per role, <see cref="ApiServer.TokenSettings"/>): <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>
/// sends the operator's token, the role the runtime endpoints need; <see cref="Client"/> picks another.</summary>
/// <remarks>Seed: plugin <c>models</c> with sources <c>a</c> (3 entities) and <c>b</c> (120 entities, for paging),
/// plugin <c>mcp</c> with source <c>c</c>.</remarks>
internal sealed class RuntimeApp : WebApplicationFactory<Program>
{
    /// <summary>Program.cs sets Serilog's static bootstrap logger, so hosts must not start in parallel in one process.</summary>
    public const string Collection = "In-process host";

    private readonly TempDirectory _directory = new("gitops-runtime");

    public RuntimeApp()
    {
        WriteSeed(SeedPath);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    public string SeedPath => Path.Combine(_directory.Path, "seed");

    public static string Catalog(string listKey, IEnumerable<string> names) =>
        $"source: Test\n{listKey}:\n{string.Concat(names.Select(n => $"  - name: {n}\n    description: about {n}\n    customProperties:\n      size: {{ string_value: 8B }}\n"))}";

    public static void WriteSeed(string seed)
    {
        var models = Directory.CreateDirectory(Path.Combine(seed, "plugins", "models")).FullName;
        File.WriteAllText(Path.Combine(models, "sources.yaml"), """
            apiVersion: gitops/v1
            plugin: models
            sources:
              - id: a
                name: Source A
                type: yaml
                properties:
                  yamlCatalogPath: a.yaml
              - id: b
                name: Source B
                type: yaml
                properties:
                  yamlCatalogPath: b.yaml

            """, Encoding.UTF8);
        File.WriteAllText(Path.Combine(models, "a.yaml"), Catalog("models", ["granite-8b", "granite-3b", "llama-7b"]));
        File.WriteAllText(Path.Combine(models, "b.yaml"), Catalog("models", Enumerable.Range(0, 120).Select(i => $"model-{i:D3}")));
        var mcp = Directory.CreateDirectory(Path.Combine(seed, "plugins", "mcp")).FullName;
        File.WriteAllText(Path.Combine(mcp, "sources.yaml"), "apiVersion: gitops/v1\nplugin: mcp\nsources:\n  - id: c\n    name: C\n    type: yaml\n    properties:\n      yamlCatalogPath: c.yaml\n");
        File.WriteAllText(Path.Combine(mcp, "c.yaml"), Catalog("mcp_servers", ["github", "filesystem"]));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("GitOps:Repository:Path", Path.Combine(_directory.Path, "data"));
        builder.UseSetting("GitOps:Repository:Seed", SeedPath);
        foreach (var (key, value) in ApiServer.TokenSettings()) builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiServer.OperatorToken);
    }

    /// <summary>A client with <paramref name="token"/> (null: no Authorization header).</summary>
    public HttpClient Client(string? token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _directory.Dispose();
    }
}
