namespace GitOps.WebhookApi.Notifications.Mqtt;

/// <summary>The MQTT sink (section <c>GitOps:Notifications:Mqtt</c>): one retained QoS 1 message per plugin on
/// <c>{TopicPrefix}/{plugin}</c>.</summary>
internal sealed class MqttSinkOptions
{
    /// <summary>The broker's host name or address; empty turns the sink off.</summary>
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "GitOps:Notifications:Mqtt:Port must be between 1 and 65535")]
    public int Port { get; set; } = 1883;

    [Required(AllowEmptyStrings = false, ErrorMessage = "GitOps:Notifications:Mqtt:TopicPrefix must not be empty")]
    [RegularExpression(@"^[^#+\s]+[^/#+\s]$|^[^/#+\s]$", ErrorMessage = "GitOps:Notifications:Mqtt:TopicPrefix must be a topic without wildcards (+, #), spaces or a trailing /")]
    public string TopicPrefix { get; set; } = "gitops/config";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>The MQTT client id; empty: <c>gitops-reconciler-{replica}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>How many plugins' events are held while the broker is unreachable (the newest per plugin wins); beyond
    /// it the oldest plugin's event is dropped and counted.</summary>
    [Range(1, 100_000, ErrorMessage = "GitOps:Notifications:Mqtt:MaxPending must be between 1 and 100000")]
    public int MaxPending { get; set; } = 1000;

    /// <summary>The longest wait between two connection attempts (they back off from 0.5 s up to this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "GitOps:Notifications:Mqtt:MaxReconnectDelay must be between 00:00:00.100 and 00:10:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
