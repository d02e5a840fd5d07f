using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.WebhookApi;
using GitOps.WebhookApi.Auth;
using GitOps.WebhookApi.Files;
using GitOps.WebhookApi.Health;
using GitOps.WebhookApi.History;
using GitOps.WebhookApi.Http;
using GitOps.WebhookApi.Plugins;
using GitOps.WebhookApi.Reconciliation;
using GitOps.WebhookApi.Runtime;
using GitOps.WebhookApi.Sources;
using GitOps.WebhookApi.Status;
using Prometheus;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.WebHost.UseUrlsIfUnset("http://127.0.0.1:5080").LimitRequestBodies();
    builder.Services.AddSerilog((services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .Enrich.FromLogContext()
        .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton(YamlLimits.Default);
    builder.Services.AddSingleton<SnapshotBuilder>();
    builder.Services.AddOptions<RepositoryOptions>().BindConfiguration(RepositoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
    builder.Services.AddSingleton<GitConfigStore>();
    builder.Services.AddHostedService<StoreStartup>();
    builder.Services.AddPluginRuntime(builder.Configuration);
    builder.Services.AddReconciliation(builder.Configuration);
    builder.Services.AddRestApi();
    builder.Services.AddApiAuthentication();

    var app = builder.Build();
    app.UseSerilogRequestLogging();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseRequestIds();
    app.UseAuthentication();
    app.UseAuthorization();

    app.MapHealthEndpoints();
    app.MapOpenApi();
    app.MapMetrics();
    var api = app.MapApiV1();
    api.MapPluginEndpoints();
    api.MapSourceEndpoints();
    api.MapFileEndpoints();
    api.MapHistoryEndpoints();
    api.MapStatusEndpoints();
    api.MapRuntimeEndpoints();

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
