using GitOps.Examples.Consumer;
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

var app = builder.Build();
var mounted = ((IConfigurationRoot)app.Configuration).Providers.OfType<MountedConfigurationProvider>().Single().Mounted!;

// Capture the settings once per request: a reload during the request does not change what it sees.
app.MapGet("/", (IOptionsMonitor<PluginSettings> settings) =>
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
    });
});
app.MapGet("/healthz", () => Results.Ok("ok"));

await app.RunAsync();
