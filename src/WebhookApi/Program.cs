using GitOps.WebhookApi;
using GitOps.WebhookApi.Drafts;
using GitOps.WebhookApi.Events;
using GitOps.WebhookApi.Files;
using GitOps.WebhookApi.Graph;
using GitOps.WebhookApi.Health;
using GitOps.WebhookApi.History;
using GitOps.WebhookApi.Notifications;
using GitOps.WebhookApi.Notifications.Webhooks;
using GitOps.WebhookApi.Plans;
using GitOps.WebhookApi.Plugins;
using GitOps.WebhookApi.Reconciliation;
using GitOps.WebhookApi.Search;
using GitOps.WebhookApi.Remote;
using GitOps.WebhookApi.Runtime;
using GitOps.WebhookApi.Settings;
using GitOps.WebhookApi.Secrets;
using GitOps.WebhookApi.Signing;
using GitOps.WebhookApi.Sources;
using GitOps.WebhookApi.Status;
using GitOps.WebhookApi.Versions;
using GitOps.WebhookApi.Webhooks;
using Prometheus;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

try
{
    // Content root = the application folder, so appsettings.json and the web UI (wwwroot) are found from any
    // working directory; the data directory (GitOps:Repository:Path) stays relative to the working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.WebHost.UseUrlsIfUnset("http://127.0.0.1:5080").LimitRequestBodies();
    builder.AddSettingsOverlay(new Serilog.Extensions.Logging.SerilogLoggerFactory(Log.Logger)); // optional GitOps:SettingsOverlay:Path (docs/HOT_RELOAD.md)
    builder.Services.AddSerilog((services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .Enrich.FromLogContext()
        .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture),
        preserveStaticLogger: true); // the host gets its own logger: freezing the shared bootstrap logger breaks hosts built in parallel (tests)

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton(YamlLimits.Default);
    // The validator accepts exactly the source types a provider is registered for.
    builder.Services.AddSingleton(sp => new SnapshotBuilder(sp.GetRequiredService<YamlLimits>(), [.. sp.GetRequiredService<SourceProviderRegistry>().Types]));
    builder.Services.AddOptions<RepositoryOptions>().BindConfiguration(RepositoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
    builder.Services.AddSingleton<GitConfigStore>();
    builder.Services.AddCommitSignatures(); // before the store opens: even the seed is signed
    builder.Services.AddRemoteRepository(builder.Configuration); // before StoreStartup: the clone comes first
    builder.Services.AddHostedService<StoreStartup>();
    builder.Services.AddHostedService<WorkingCloneWatcher>(); // after StoreStartup: watches a local working clone's branch
    builder.Services.AddSecrets();
    builder.Services.AddPluginRuntime(builder.Configuration);
    builder.Services.AddNotifications(builder.Configuration); // before AddReconciliation: listens before the start-up pass
    builder.Services.AddReconciliation(builder.Configuration);
    builder.Services.AddRestApi();
    builder.Services.AddDrafts();
    builder.Services.AddPlans();
    builder.Services.AddApiAuthentication();
    builder.Services.AddWebhooks();
    builder.Services.AddGraphApi();
    builder.Services.AddEventStream(); // after AddGraphApi: both use the one ChangeFeed
    builder.Services.AddNotificationWebhooks();
    builder.Services.AddSourceEvents();

    var app = builder.Build();
    app.UseSerilogRequestLogging();
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseRequestIds();
    app.UseAuthentication();
    app.UseAuthorization();

    app.MapHealthEndpoints();
    app.MapOpenApi();
    app.MapMetrics(registry: app.Services.GetRequiredService<CollectorRegistry>()); // the registry the metrics are injected with
    var api = app.MapApiV1().RequirePluginScope(); // grants: every {plugin} route in scope (Auth/PluginScopeFilter)
    api.MapMeEndpoints();
    api.MapPluginEndpoints();
    api.MapSourceEndpoints();
    api.MapSearchEndpoints();
    api.MapFileEndpoints();
    api.MapSecretEndpoints();
    api.MapHistoryEndpoints();
    api.MapDraftEndpoints();
    api.MapPlanEndpoints();
    api.MapVersionEndpoints();
    api.MapSourceEventEndpoints();
    api.MapStatusEndpoints();
    api.MapNotificationEndpoints();
    api.MapEventStream();
    api.MapNotificationDeliveryEndpoints();
    app.MapWebhookEndpoints();
    app.MapGraphApi();

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "GitOps Reconciler failed to start");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Exposed for WebApplicationFactory in tests.</summary>
public partial class Program;
