using GitOps.Reconciler.Plugins.Providers;

namespace GitOps.WebhookApi.Runtime;

/// <summary>Registers the plugin runtime: providers, their registry, the host, refresh rate limits and the applier.</summary>
internal static class PluginRuntimeServices
{
    public static IServiceCollection AddPluginRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ISourceProvider>(sp => new YamlSourceProvider(sp.GetRequiredService<YamlLimits>()));
        services.AddOptions<HttpSourceOptions>().BindConfiguration(HttpSourceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // One client for the process: the http provider sets a timeout per load, and pooled connections are recycled.
        services.AddSingleton<ISourceProvider>(sp => new HttpSourceProvider(
            HttpSourceProvider.CreateClient(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HttpSourceOptions>>().Value.Policy()),
            sp.GetRequiredService<YamlLimits>()));
        services.AddSingleton(sp => new SourceProviderRegistry(sp.GetServices<ISourceProvider>()));
        services.AddSingleton<PluginHost>();
        services.AddSingleton<RefreshRateLimiter>();
        return services;
    }
}
