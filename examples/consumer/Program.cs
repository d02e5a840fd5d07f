using GitOps.Examples.Consumer;
using GitOps.HotReload;
using GitOps.HotReload.Configuration;
using Microsoft.Extensions.Options;

// A service that reads one plugin's ConfigMap (mounted as a directory: never with subPath) through GitOps.HotReload and
// serves what it loaded. Consumer:MountPath (env Consumer__MountPath) is the mount; default /etc/gitops/plugin.
var builder = WebApplication.CreateBuilder(args);
var mountPath = builder.Configuration["Consumer:MountPath"] ?? "/etc/gitops/plugin";
using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
builder.Configuration.AddMountedDirectory(mountPath, mount =>
{
    mount.Watch.Name = "plugin";
    mount.Validate = PluginSettings.Check;
    mount.LoggerFactory = loggers;
});
builder.Services.Configure<PluginSettings>(builder.Configuration.GetSection(PluginSettings.SectionName));
// Optional: verified change notifications over MQTT make it re-read the mount at once (Consumer:Mqtt:Host, docs/NOTIFICATIONS.md).
builder.Services.AddSingleton(sp => new NotificationListener(sp.GetRequiredService<IConfiguration>(),
    () => Mounted(sp.GetRequiredService<IConfiguration>()).ReloadNow().ToString(), sp.GetRequiredService<ILogger<NotificationListener>>()));
builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationListener>());

var app = builder.Build();
var mounted = Mounted(app.Configuration);

// Capture the settings once per request: a reload during the request does not change what it sees.
app.MapGet("/", (IOptionsMonitor<PluginSettings> settings, NotificationListener notifications) =>
{
    var current = mounted.Current;
    var plugin = settings.CurrentValue;
    return Results.Ok(new
    {
        plugin = plugin.Plugin,
        hash = current.Hash, // equals the ConfigMap's gitops.reconciler/hash annotation
        shortHash = current.ShortHash,
        loadedAt = current.LoadedAt,
        stalenessSeconds = mounted.Staleness.TotalSeconds,
        files = current.Snapshot.Files.Keys,
        config = plugin.Config,
        sources = plugin.Sources.Select(s => new { s.Id, s.Name, s.Type, s.Enabled, s.Labels }),
        lastVerifiedEvent = notifications.LastVerified is { } e ? new { e.Id, e.Hash, e.Commit, e.Time } : null,
        refusedEvents = notifications.Refused,
    });
});
app.MapGet("/healthz", () => Results.Ok("ok"));

await app.RunAsync();

static MountedConfig<System.Collections.Immutable.ImmutableDictionary<string, string?>> Mounted(IConfiguration configuration) =>
    ((IConfigurationRoot)configuration).Providers.OfType<MountedConfigurationProvider>().Single().Mounted!;
