using System.Text.Json.Serialization;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>The fields we read from GitHub's webhook payloads (snake_case JSON); everything else is ignored.</summary>
internal static class GitHubPayloads
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    internal sealed record Push(string? Ref, string? After);

    internal sealed record PullRequestEvent(string? Action, int Number, PullRequest? PullRequest, Repository? Repository);

    internal sealed record PullRequest(int Number, Branch? Head, Branch? Base);

    internal sealed record Branch(string? Ref, string? Sha, Repository? Repo);

    internal sealed record Repository(string? Name, Account? Owner, string? CloneUrl, [property: JsonPropertyName("full_name")] string? FullName);

    internal sealed record Account(string? Login);
}

/// <summary>The fields we read from GitLab's webhook payloads.</summary>
internal static class GitLabPayloads
{
    internal sealed record Push(string? Ref, string? After);

    internal sealed record MergeRequestEvent(MergeRequest? ObjectAttributes, Project? Project);

    internal sealed record MergeRequest(
        int Iid,
        string? Action,
        string? SourceBranch,
        string? TargetBranch,
        Commit? LastCommit,
        ProjectRef? Source,
        ProjectRef? Target);

    internal sealed record Commit(string? Id);

    internal sealed record ProjectRef(string? GitHttpUrl);

    internal sealed record Project(string? Name, string? Namespace, string? PathWithNamespace, string? GitHttpUrl);
}
