using GitOps.TestSupport.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>The real host (Program) in memory with a fresh data directory and settings given as configuration.</summary>
internal sealed class WebhookHost : IDisposable
{
    public const string GitHubSecret = "It's a Secret to Everybody";
    public const string GitLabToken = "glwt-7d1b5c0e2f";
    public const string GenericSecret = "generic-shared-secret";

    private readonly TempDirectory _data = new("gitops-webhooks");
    private readonly WebApplicationFactory<Program> _factory;

    public WebhookHost(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["GitOps:Repository:Path"] = _data.Path,
            ["GitOps:Repository:Seed"] = RepositoryRoot.ExamplesRepo,
            ["GitOps:Webhooks:GitHubSecret"] = GitHubSecret,
            ["GitOps:Webhooks:GitLabToken"] = GitLabToken,
            ["GitOps:Webhooks:GenericSecret"] = GenericSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in all) builder.UseSetting(key, value);
            // These tests observe what the webhooks ask of the ReconcileTrigger; the real reconcile job would take the
            // requests first, so its consumers (the request loop and the Quartz scheduler) are left out here.
            builder.ConfigureTestServices(s =>
            {
                foreach (var consumer in s.Where(d => d.ServiceType == typeof(IHostedService)
                    && (d.ImplementationType == typeof(GitOps.WebhookApi.Reconciliation.ReconcileRequests) || d.ImplementationType?.Namespace == "Quartz")).ToList())
                    s.Remove(consumer);
            });
            if (services is not null) builder.ConfigureTestServices(services);
        });
        Client = _factory.CreateClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public T Get<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
        _data.Dispose();
    }
}
