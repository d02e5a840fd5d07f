using GitOps.Reconciler.Git.Remote;

namespace GitOps.Reconciler.Tests.Git.Remote;

public sealed class PullRequestProposerTests
{
    [Theory]
    [InlineData("models: disable source organization_ai_models", "gitops/models-disable-source-organization-ai-mo-1a2b3c4")]
    [InlineData("Add MCP server!", "gitops/add-mcp-server-1a2b3c4")]
    [InlineData("???", "gitops/change-1a2b3c4")]
    public void BranchName_IsASlugOfTheSummaryAndTheShortSha(string summary, string expected) =>
        Assert.Equal(expected, PullRequestProposer.BranchName(summary, "1a2b3c4d5e6f"));
}
