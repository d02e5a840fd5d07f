namespace GitOps.WebhookApi.Secrets;

/// <summary><c>GitOps:Secrets</c>: where the key ring comes from and what may be done with decrypted values.</summary>
internal sealed class SecretsOptions
{
    public const string SectionName = "GitOps:Secrets";

    /// <summary>A key ring file (one <c>&lt;id&gt; &lt;base64&gt;</c> per line, oldest first), e.g. mounted from a Kubernetes Secret.</summary>
    public string? KeyRingPath { get; set; }

    /// <summary>The key ring itself (same format, <c>;</c> may separate keys), e.g. from <c>GitOps__Secrets__KeyRing</c>.</summary>
    public string? KeyRing { get; set; }

    /// <summary>Allows admins to read a decrypted value back (<c>GET …/secrets/{name}:reveal</c>); off by default, audited when on.</summary>
    public bool AllowReveal { get; set; }

    /// <summary>Delivers decrypted values to one Kubernetes Secret per plugin (<c>{prefix}-{plugin}-secrets</c>).</summary>
    public bool KubernetesSecrets { get; set; }
}
