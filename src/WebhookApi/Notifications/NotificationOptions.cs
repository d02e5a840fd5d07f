using GitOps.WebhookApi.Notifications.Mqtt;

namespace GitOps.WebhookApi.Notifications;

/// <summary>Signed change notifications (section <c>GitOps:Notifications</c>, issue 16; docs/NOTIFICATIONS.md).</summary>
internal sealed class NotificationOptions : IValidatableObject
{
    public const string SectionName = "GitOps:Notifications";

    /// <summary>The Ed25519 key ring file (private key, 0600). Empty: <c>notifications.key</c> in the data directory,
    /// created on first start.</summary>
    public string? KeyFile { get; set; }

    /// <summary>How long a rotated-out public key stays listed by <c>GET /api/v1/notifications/keys</c>, so events signed
    /// just before a rotation still verify.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "GitOps:Notifications:RetiredKeyRetention must be between 00:00:00 and 365.00:00:00")]
    public TimeSpan RetiredKeyRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Put the plugin's files (text files, never <c>secrets.yaml</c>) into each event, for consumers off Kubernetes.</summary>
    public bool IncludeFiles { get; set; }

    /// <summary>The MQTT sink; off while <see cref="MqttSinkOptions.Host"/> is empty.</summary>
    public MqttSinkOptions Mqtt { get; set; } = new();

    /// <summary>The nested MQTT section is validated with the rest (DataAnnotations do not descend on their own).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Mqtt, new ValidationContext(Mqtt), results, validateAllProperties: true);
        if (Mqtt.Enabled && Uri.CheckHostName(Mqtt.Host) == UriHostNameType.Unknown)
            results.Add(new ValidationResult($"GitOps:Notifications:Mqtt:Host '{Mqtt.Host}' is not a host name or address", [nameof(Mqtt)]));
        if (!string.IsNullOrEmpty(Mqtt.Password) && string.IsNullOrEmpty(Mqtt.Username))
            results.Add(new ValidationResult("GitOps:Notifications:Mqtt:Password is set without GitOps:Notifications:Mqtt:Username", [nameof(Mqtt)]));
        return results;
    }
}
