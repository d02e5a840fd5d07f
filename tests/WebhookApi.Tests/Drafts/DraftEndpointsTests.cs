using System.Net;
using System.Text.Json;

namespace GitOps.WebhookApi.Tests.Drafts;

/// <summary>Drafts over HTTP end to end (docs/DRAFTS.md): create, edit with <c>?draft=</c>, approve, publish, abandon.</summary>
public sealed class DraftEndpointsTests(DraftServer server) : IClassFixture<DraftServer>
{
    [Fact]
    public async Task CreateEditApprovePublish_IsOneCommitOnTheBranchWithTrailers_AndTheDraftIsPublished()
    {
        var tracked = server.Head();
        var created = await server.Operator.SendJsonAsync(HttpMethod.Post, "drafts", """{"title":"Disable org models","name":"e2e"}""", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/drafts/e2e", created.Headers.Location!.OriginalString);
        Assert.Equal($"\"{tracked}\"", created.Headers.ETag!.Tag);
        var body = await created.JsonAsync();
        Assert.Equal("drafts/e2e", body.GetProperty("branch").GetString());
        Assert.Equal("Open", body.GetProperty("state").GetString());
        Assert.Equal("olivia", body.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(tracked, body.GetProperty("base").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("published").ValueKind);

        var draftHead = await server.Operator.EditDraftAsync("e2e", "models", "organization_ai_models", created.Headers.ETag!.Tag);

        Assert.NotEqual($"\"{tracked}\"", draftHead);
        Assert.Equal(tracked, server.Head());
        Assert.Equal(draftHead.Trim('"'), server.Git("rev-parse", "refs/heads/drafts/e2e"));
        using (var inDraft = await server.Viewer.GetAsync(new Uri("plugins/models/sources/organization_ai_models?draft=e2e", UriKind.Relative)))
        {
            Assert.Equal(draftHead, inDraft.Headers.ETag!.Tag);
            Assert.False((await inDraft.JsonAsync()).GetProperty("enabled").GetBoolean());
        }
        using (var onBranch = await server.Viewer.GetAsync(new Uri("plugins/models/sources/organization_ai_models", UriKind.Relative)))
            Assert.True((await onBranch.JsonAsync()).GetProperty("enabled").GetBoolean());
        var shown = await server.Viewer.DraftAsync("e2e");
        Assert.Equal(["models"], shown.GetProperty("plugins").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(draftHead.Trim('"'), shown.GetProperty("commits")[0].GetProperty("sha").GetString());
        Assert.Equal(1, shown.GetProperty("missingApprovals").GetInt32());

        using (var unapproved = await server.Operator.PublishAsync("e2e", draftHead))
            Assert.Equal(1, (await unapproved.AssertProblemAsync(HttpStatusCode.Forbidden, "approvals-missing")).GetProperty("missing").GetInt32());
        using (var self = await server.Operator.PostAsync(new Uri("drafts/e2e/approvals", UriKind.Relative), null))
            await self.AssertProblemAsync(HttpStatusCode.Forbidden, "self-approval");
        using (var viewer = await server.Viewer.PostAsync(new Uri("drafts/e2e/approvals", UriKind.Relative), null))
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        await server.Admin.ApproveAsync("e2e");
        using (var missingIfMatch = await server.Operator.PublishAsync("e2e", null))
            await missingIfMatch.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "if-match-required");
        using (var stale = await server.Operator.PublishAsync("e2e", $"\"{tracked}\""))
            await stale.AssertProblemAsync(HttpStatusCode.Conflict, "precondition-failed");
        Assert.Equal(tracked, server.Head());

        using var published = await server.Operator.PublishAsync("e2e", draftHead);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var result = await published.JsonAsync();
        var commit = result.GetProperty("commit").GetString()!;
        Assert.Equal(commit, server.Head());
        Assert.Equal($"\"{commit}\"", published.Headers.ETag!.Tag);
        Assert.Equal(tracked, server.Git("rev-parse", $"{commit}^"));
        var message = server.Git("log", "-1", "--format=%B", commit);
        Assert.StartsWith("Disable org models\n", message, StringComparison.Ordinal);
        Assert.Contains("Draft: e2e", message, StringComparison.Ordinal);
        Assert.Contains("Approved-By: alice <alice@gitops.local>", message, StringComparison.Ordinal);
        Assert.Contains("Changed-By: olivia <olivia@gitops.local>", message, StringComparison.Ordinal);
        Assert.Equal("Published", result.GetProperty("draft").GetProperty("state").GetString());
        Assert.Equal(commit, result.GetProperty("draft").GetProperty("published").GetProperty("commit").GetString());
        using (var onBranch = await server.Viewer.GetAsync(new Uri("plugins/models/sources/organization_ai_models", UriKind.Relative)))
            Assert.False((await onBranch.JsonAsync()).GetProperty("enabled").GetBoolean());
        Assert.Equal("Published", (await server.Viewer.DraftAsync("e2e")).GetProperty("state").GetString());
        using (var again = await server.Operator.PublishAsync("e2e", "*"))
            await again.AssertProblemAsync(HttpStatusCode.Conflict, "draft-closed");
        using (var lateEdit = await server.Operator.SetEnabledAsync("models", "organization_ai_models", true, "*", "e2e"))
            await lateEdit.AssertProblemAsync(HttpStatusCode.Conflict, "draft-closed");
        Assert.Equal(commit, server.Head());
    }

    [Fact]
    public async Task Publish_RebasesOverOtherFiles_AndIsADraftConflictWhenTheBranchChangedTheSameFile()
    {
        var rebased = await server.Operator.CreateDraftAsync("rebased");
        await server.Operator.EditDraftAsync("rebased", "mcp", "organization_mcp", rebased);
        var overlap = await server.Operator.CreateDraftAsync("overlap");
        var overlapHead = await server.Operator.EditDraftAsync("overlap", "models", "validated_models", overlap, enabled: true);
        using (var moved = await server.Operator.SetEnabledAsync("models", "community_models", false, "*"))
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var branchHead = server.Head();
        await server.Admin.ApproveAsync("rebased");
        await server.Admin.ApproveAsync("overlap");

        using var conflict = await server.Operator.PublishAsync("overlap", overlapHead);
        var problem = await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "draft-conflict");
        Assert.Equal(["plugins/models/sources.yaml"], problem.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(overlapHead.Trim('"'), problem.GetProperty("draftHead").GetString());
        Assert.Equal(branchHead, problem.GetProperty("branchHead").GetString());
        Assert.Equal(branchHead, server.Head());
        Assert.Equal("Open", (await server.Viewer.DraftAsync("overlap")).GetProperty("state").GetString());

        using var published = await server.Operator.PublishAsync("rebased", "*");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var commit = (await published.JsonAsync()).GetProperty("commit").GetString()!;
        Assert.Equal(branchHead, server.Git("rev-parse", $"{commit}^"));
        Assert.Contains("enabled: false", server.Git("show", $"{commit}:plugins/mcp/sources.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_AnswersWithProblemsAndWritesNothing()
    {
        var head = server.Head();
        using (var invalid = await server.Operator.SendJsonAsync(HttpMethod.Post, "drafts", """{"title":"T","name":"no good..name"}""", null))
            await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-draft-name");
        using (var untitled = await server.Operator.SendJsonAsync(HttpMethod.Post, "drafts", """{"name":"untitled"}""", null))
            await untitled.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        using (var unknownBase = await server.Operator.SendJsonAsync(HttpMethod.Post, "drafts", """{"title":"T","base":"0123456789abcdef0123456789abcdef01234567"}""", null))
            await unknownBase.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Equal("", server.Git("for-each-ref", "refs/heads/drafts/untitled", "refs/gitops/drafts/untitled"));
        await server.Operator.CreateDraftAsync("taken");
        using (var taken = await server.Operator.SendJsonAsync(HttpMethod.Post, "drafts", """{"title":"T","name":"taken"}""", null))
            await taken.AssertProblemAsync(HttpStatusCode.Conflict, "draft-exists");
        using (var unknownEdit = await server.Operator.SetEnabledAsync("models", "community_models", true, "*", "nope"))
            await unknownEdit.AssertProblemAsync(HttpStatusCode.NotFound, "draft-not-found");
        using (var unknownRead = await server.Viewer.GetAsync(new Uri("plugins/models/sources?draft=nope", UriKind.Relative)))
            await unknownRead.AssertProblemAsync(HttpStatusCode.NotFound, "draft-not-found");
        using (var unknownGet = await server.Viewer.GetAsync(new Uri("drafts/nope", UriKind.Relative)))
            await unknownGet.AssertProblemAsync(HttpStatusCode.NotFound, "draft-not-found");
        using (var badState = await server.Viewer.GetAsync(new Uri("drafts?state=Merged", UriKind.Relative)))
            await badState.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using (var viewerCreate = await server.Viewer.SendJsonAsync(HttpMethod.Post, "drafts", """{"title":"T"}""", null))
            Assert.Equal(HttpStatusCode.Forbidden, viewerCreate.StatusCode);
        using (var empty = await server.Operator.PublishAsync("taken", "*"))
            Assert.Equal(HttpStatusCode.Forbidden, empty.StatusCode); // approvals first: an unapproved draft is never published
        Assert.Equal(head, server.Head());
    }

    [Fact]
    public async Task Abandon_ByTheAuthorOrAnAdmin_ArchivesTheBranch_AndTheDraftCannotBePublished()
    {
        var etag = await server.Admin.CreateDraftAsync("abandoned");

        using (var notAuthor = await server.Operator.DeleteAsync(new Uri("drafts/abandoned", UriKind.Relative)))
            await notAuthor.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var deleted = await server.Admin.DeleteAsync(new Uri("drafts/abandoned", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var body = await deleted.JsonAsync();
        Assert.Equal("Abandoned", body.GetProperty("state").GetString());
        Assert.Equal("archive/drafts/abandoned", body.GetProperty("branch").GetString());
        Assert.Equal(etag.Trim('"'), server.Git("rev-parse", "refs/heads/archive/drafts/abandoned"));
        Assert.Equal("", server.Git("for-each-ref", "refs/heads/drafts/abandoned"));
        using (var publish = await server.Operator.PublishAsync("abandoned", "*"))
            await publish.AssertProblemAsync(HttpStatusCode.Conflict, "draft-closed");
        using (var again = await server.Admin.DeleteAsync(new Uri("drafts/abandoned", UriKind.Relative)))
            await again.AssertProblemAsync(HttpStatusCode.Conflict, "draft-closed");
        using var list = await server.Viewer.GetAsync(new Uri("drafts?state=Abandoned", UriKind.Relative));
        Assert.Contains((await list.JsonAsync()).GetProperty("drafts").EnumerateArray(), d => d.GetProperty("id").GetString() == "abandoned");
        using var open = await server.Viewer.GetAsync(new Uri("drafts?state=open", UriKind.Relative));
        Assert.DoesNotContain((await open.JsonAsync()).GetProperty("drafts").EnumerateArray(), d => d.GetProperty("id").GetString() == "abandoned");
    }

    [Fact]
    public async Task DraftsAndApprovals_SurviveARestart_AndTwoPublishesAtOnce_OneWinsTheOtherIs409()
    {
        var etag = await server.Operator.CreateDraftAsync("restarted");
        var head = await server.Operator.EditDraftAsync("restarted", "mcp", "community_mcp", etag);
        await server.Admin.ApproveAsync("restarted");

        await server.Service.RestartAsync();

        var draft = await server.Viewer.DraftAsync("restarted");
        Assert.Equal(head.Trim('"'), draft.GetProperty("head").GetString());
        Assert.True(draft.GetProperty("approvals")[0].GetProperty("valid").GetBoolean());
        Assert.Equal(0, draft.GetProperty("missingApprovals").GetInt32());
        var before = server.Head();

        var answers = await Task.WhenAll(server.Operator.PublishAsync("restarted", head), server.Admin.PublishAsync("restarted", head));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(before, server.Git("rev-parse", "refs/heads/main^"));
        foreach (var answer in answers) answer.Dispose();
    }
}
