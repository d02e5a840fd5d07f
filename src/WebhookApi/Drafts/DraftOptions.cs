using System.ComponentModel.DataAnnotations;

namespace GitOps.WebhookApi.Drafts;

/// <summary>Drafts (section <c>GitOps:Drafts</c>, docs/DRAFTS.md).</summary>
public sealed class DraftOptions
{
    public const string SectionName = "GitOps:Drafts";

    /// <summary>How many valid approvals (by operators or admins other than the author, at the draft's current head) a
    /// publish needs. 0: none.</summary>
    [Range(0, 100)]
    public int RequiredApprovals { get; set; }
}
