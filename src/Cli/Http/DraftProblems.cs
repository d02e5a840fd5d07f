namespace GitOps.Cli.Http;

/// <summary>The extensions of the draft problems (docs/DRAFTS.md) as lines a person can act on: how many approvals are
/// missing, which files overlap with the tracked branch and at which heads.</summary>
internal static class DraftProblems
{
    /// <summary>Returns whether it explained a refusal (so the generic role hint of a 403 does not follow).</summary>
    public static bool Print(JsonObject? problem, TextWriter error)
    {
        if (problem is null) return false;
        if (ProblemReport.Text(problem, "type") == SelfApprovalType)
        {
            error.WriteLine("hint: the author of a draft cannot approve it; ask another operator or admin");
            return true;
        }
        var missing = ProblemReport.Text(problem, "missing");
        if (missing is not null)
            error.WriteLine($"  approvals missing: {missing} (ask an operator or admin other than the author: gitops draft approve <id>)");
        if (problem["files"] is JsonArray files && files.Count > 0)
        {
            error.WriteLine("  files changed both in the draft and on the tracked branch since its base:");
            foreach (var file in files) error.WriteLine($"    {JsonText.Display(file)}");
        }
        var draftHead = ProblemReport.Text(problem, "draftHead");
        var branchHead = ProblemReport.Text(problem, "branchHead");
        if (draftHead is not null || branchHead is not null)
            error.WriteLine($"  draft head {ConflictReport.Short(draftHead ?? "?")}, branch head {ConflictReport.Short(branchHead ?? "?")}");
        return missing is not null;
    }

    public const string SelfApprovalType = "urn:gitops:problem:self-approval";
}
