namespace GitOps.WebhookApi.Webhooks;

/// <summary>Webhook secrets (section <c>GitOps:Webhooks</c>, DESIGN §5 and §7). An endpoint whose secret is
/// empty refuses every delivery with 401: unsigned deliveries are never accepted. Never logged.</summary>
internal sealed class WebhookOptions
{
    public const string SectionName = "GitOps:Webhooks";

    /// <summary>The secret set on the GitHub webhook; verifies <c>X-Hub-Signature-256</c>.</summary>
    public string? GitHubSecret { get; set; }

    /// <summary>The secret token set on the GitLab webhook; compared with <c>X-Gitlab-Token</c>.</summary>
    public string? GitLabToken { get; set; }

    /// <summary>The shared secret of <c>/webhooks/generic</c>; verifies <c>X-Signature</c>.</summary>
    public string? GenericSecret { get; set; }
}
