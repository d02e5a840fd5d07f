using GitOps.HotReload;
using GitOps.HotReload.Configuration;
using GitOps.WebhookApi.Webhooks;
using Microsoft.Extensions.Configuration.Json;
using GitOps.WebhookApi.Reconciliation;

namespace GitOps.WebhookApi.Settings;

/// <summary>An optional settings overlay: <c>appsettings.json</c> / <c>appsettings.yaml</c> in a mounted directory
/// (a ConfigMap or Secret volume), watched with GitOps.HotReload. Set <c>GitOps:SettingsOverlay:Path</c> (environment
/// <c>GitOps__SettingsOverlay__Path</c>) to use it.</summary>
/// <remarks>
/// Precedence: appsettings.json &lt; appsettings.{Environment}.json &lt; the overlay &lt; environment variables &lt; command line.
/// Live: <c>GitOps:Webhooks:*</c> (read per delivery). Every other option is read once at start-up; a change to one is
/// logged as "takes effect on restart". A malformed or invalid overlay at start-up fails start-up naming the file; later,
/// it is refused and the previous overlay stays.
/// </remarks>
internal static partial class SettingsOverlay
{
    /// <summary>Option sections the running service re-reads when the overlay changes.</summary>
    public static readonly ImmutableArray<string> LiveSections = [WebhookOptions.SectionName];

    private static readonly string LiveSectionList = string.Join(", ", LiveSections);

    private static readonly string[] FileNames = ["appsettings.json", "appsettings.yaml", "appsettings.yml"];

    public static WebApplicationBuilder AddSettingsOverlay(this WebApplicationBuilder builder, ILoggerFactory loggerFactory)
    {
        var path = builder.Configuration.GetSection(SettingsOverlayOptions.SectionName).Get<SettingsOverlayOptions>()?.Path;
        if (string.IsNullOrWhiteSpace(path)) return builder;
        var logger = loggerFactory.CreateLogger(typeof(SettingsOverlay).FullName!);
        // On the registry /metrics serves, created before the host exists so the start-up load counts too.
        builder.Services.AddSingleton(new HotReloadMetricsExport(MetricsServices.Registry));
        var overlay = new MountedConfigurationSource
        {
            Watch = new HotReloadOptions { Path = Path.GetFullPath(path), Name = "settings-overlay" },
            PrefixWithFileName = false,
            Include = key => FileNames.Contains(key, StringComparer.OrdinalIgnoreCase),
            Validate = HotReloadConfigurationExtensions.ValidateDataAnnotations<WebhookOptions>(WebhookOptions.SectionName),
            LoggerFactory = loggerFactory,
            Opened = mounted =>
            {
                var previous = mounted.Current.Value;
                mounted.Changed += loaded =>
                {
                    var restartOnly = ChangedKeys(previous, loaded.Value).Where(k => !IsLive(k)).ToList();
                    previous = loaded.Value;
                    if (restartOnly.Count > 0) LogRestartNeeded(logger, loaded.ShortHash, string.Join(", ", restartOnly));
                };
                LogOverlay(logger, mounted.Current.ShortHash, mounted.Current.Snapshot.Directory, LiveSectionList);
            },
        };
        var sources = builder.Configuration.Sources;
        // After the last appsettings*.json, before environment variables and the command line.
        var lastJson = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource) lastJson = i;
        }
        sources.Insert(lastJson + 1, overlay);
        return builder;
    }

    private static bool IsLive(string key) => LiveSections.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>Keys added, removed or changed (names only: values may be secrets).</summary>
    private static IEnumerable<string> ChangedKeys(ImmutableDictionary<string, string?> before, ImmutableDictionary<string, string?> after) =>
        before.Keys.Union(after.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || !string.Equals(a, b, StringComparison.Ordinal))
            .Order(StringComparer.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings overlay {ShortHash} from {Directory}; live sections: {LiveSections}; everything else applies on restart")]
    private static partial void LogOverlay(ILogger logger, string shortHash, string directory, string liveSections);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settings overlay {ShortHash} changed start-up-only keys {Keys}: they take effect on restart")]
    private static partial void LogRestartNeeded(ILogger logger, string shortHash, string keys);
}
