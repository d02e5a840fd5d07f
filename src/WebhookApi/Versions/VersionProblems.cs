namespace GitOps.WebhookApi.Versions;

/// <summary>The problems of versions and rollback (docs/DRAFTS.md); nothing is written when one is answered.</summary>
internal static class VersionProblems
{
    public const string CommitNotFound = ProblemTypes.Prefix + "commit-not-found";
    public const string PluginMissingAtCommit = ProblemTypes.Prefix + "plugin-missing-at-commit";

    public static ProblemHttpResult UnknownCommit(string sha) =>
        Problems.Create(StatusCodes.Status404NotFound, CommitNotFound, "Commit not found", $"commit '{sha}' is not in the config repository; nothing was written");

    public static ProblemHttpResult PluginMissing(string plugin, string sha) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, PluginMissingAtCommit, "Plugin missing at commit",
            $"plugin '{plugin}' did not exist at commit {sha}, so there is nothing to roll back to; nothing was written. Pick a commit from GET /api/v1/plugins/{plugin}/versions",
            new Dictionary<string, object?> { ["plugin"] = plugin, ["commit"] = sha });
}
