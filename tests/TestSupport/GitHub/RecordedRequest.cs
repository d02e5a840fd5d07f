using System.Text.Json;

namespace GitOps.TestSupport.GitHub;

/// <summary>One request the fake GitHub API received. <see cref="Path"/> is without the <c>/api/v3</c> prefix.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, string? Authorization)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>A commit status as the fake stores it.</summary>
public sealed record FakeStatus(long Id, string Owner, string Repository, string Sha, string State, string? Description, string? Context);

/// <summary>An issue (pull-request) comment as the fake stores it.</summary>
public sealed record FakeComment(long Id, string Owner, string Repository, int Number, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A pull request the fake knows (seeded by a test, or opened through POST /pulls).</summary>
public sealed record FakePullRequest(string Owner, string Repository, int Number, string Title, string HeadRef, string HeadSha, string BaseRef, string BaseSha, string? Body);
