using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.GitHub;

namespace GitOps.Reconciler.Tests.GitHub;

public sealed class SummaryCommentTests
{
    private static readonly PullRequestRef Pr = new(ReviewProvider.GitHub, "acme", "config", 7, "5e6f7a8b9c", "feature", "main", null, null, null);

    [Fact]
    public void Description_OfManyLongErrors_StaysWithinGitHubsLimit()
    {
        var errors = Enumerable.Range(1, 30).Select(i => new ValidationError("plugins/models/sources.yaml", i, 1, "sources[0].id", new string('x', 200))).ToImmutableArray();
        var validation = new PullRequestValidation.Validated(Pr, new ChangeSummary("b", "h", [], [], [], errors));

        var description = SummaryComment.Description(validation);

        Assert.True(description.Length <= SummaryComment.MaxDescriptionLength);
        Assert.StartsWith("Invalid: 30 errors, first plugins/models/sources.yaml:1:", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StartsWithTheHiddenMarker_AndEscapesPipesInMessages()
    {
        var error = new ValidationError("plugins/a/sources.yaml", 3, 5, "sources[0]", "expected a | b");
        var validation = new PullRequestValidation.Validated(Pr, new ChangeSummary("b", "h", ["plugins/a/sources.yaml"], [], [], [error]));

        var body = SummaryComment.Render(validation);

        Assert.StartsWith(SummaryComment.Marker, body, StringComparison.Ordinal);
        Assert.Contains("| `plugins/a/sources.yaml` | 3 | sources[0] | expected a \\| b |", body, StringComparison.Ordinal);
    }
}
