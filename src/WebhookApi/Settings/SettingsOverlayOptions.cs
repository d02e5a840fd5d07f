namespace GitOps.WebhookApi.Settings;

/// <summary>Section <c>GitOps:SettingsOverlay</c>: read from the configuration sources before the overlay itself is added
/// (appsettings.json, environment variables, command line), see <see cref="SettingsOverlay"/>.</summary>
internal sealed class SettingsOverlayOptions
{
    public const string SectionName = "GitOps:SettingsOverlay";

    /// <summary>A mounted directory (ConfigMap or Secret volume, or a plain folder) holding <c>appsettings.json</c> or
    /// <c>appsettings.yaml</c>; empty: no overlay.</summary>
    public string? Path { get; set; }
}
