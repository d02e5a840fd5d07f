using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.TestSupport.GitHub;

/// <summary>A local HTTP server on 127.0.0.1 that answers like GitHub's REST API for what the service calls:
/// commit statuses, issue comments, pulls, git refs. Every request is recorded (method, path, body, Authorization).</summary>
/// <remarks>Routes are served both at the root and under <c>/api/v3</c> (Octokit adds that prefix to any base address
/// that is not api.github.com, as for GitHub Enterprise Server).</remarks>
public sealed class FakeGitHubApi : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<FakeStatus> _statuses = [];
    private readonly List<FakeComment> _comments = [];
    private readonly List<FakePullRequest> _pulls = [];
    private readonly Dictionary<string, string> _refs = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = TimeProvider.System;
    private WebApplication? _app;
    private long _nextId = 1_000;

    private FakeGitHubApi()
    {
    }

    /// <summary>The base address to configure as <c>GitOps:GitHub:ApiUrl</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_lock) return [.. _requests]; } }

    public IReadOnlyList<FakeStatus> Statuses { get { lock (_lock) return [.. _statuses]; } }

    public IReadOnlyList<FakeComment> Comments { get { lock (_lock) return [.. _comments]; } }

    public IReadOnlyList<FakePullRequest> PullRequests { get { lock (_lock) return [.. _pulls]; } }

    public IReadOnlyDictionary<string, string> Refs { get { lock (_lock) return new Dictionary<string, string>(_refs); } }

    public static async Task<FakeGitHubApi> StartAsync()
    {
        var fake = new FakeGitHubApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api/v3", out var rest)) context.Request.Path = rest;
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            var recorded = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", body, context.Request.Headers.Authorization.FirstOrDefault());
            await next(context);
            // Recorded after the handler ran, so a test that sees the request also sees its effect (a stored comment or status).
            lock (fake._lock) fake._requests.Add(recorded);
        });
        app.UseRouting();
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        fake._app = app;
        return fake;
    }

    /// <summary>Seeds a pull request for GET /repos/{o}/{r}/pulls/{n}.</summary>
    public void AddPullRequest(FakePullRequest pullRequest)
    {
        lock (_lock) _pulls.Add(pullRequest);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private Uri Api => BaseAddress;

    private void Map(WebApplication app)
    {
        app.MapPost("/repos/{owner}/{repo}/statuses/{sha}", async (string owner, string repo, string sha, HttpRequest request) =>
        {
            var json = await ReadJsonAsync(request);
            var status = new FakeStatus(NextId(), owner, repo, sha, Str(json, "state") ?? "pending", Str(json, "description"), Str(json, "context"));
            lock (_lock) _statuses.Add(status);
            return Results.Json(FakeGitHubJson.Status(Api, status, _time.GetUtcNow()), statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/repos/{owner}/{repo}/issues/{number:int}/comments", (string owner, string repo, int number) =>
        {
            lock (_lock)
                return Results.Json(_comments.Where(c => c.Owner == owner && c.Repository == repo && c.Number == number).Select(c => FakeGitHubJson.Comment(Api, c)).ToList());
        });
        app.MapPost("/repos/{owner}/{repo}/issues/{number:int}/comments", async (string owner, string repo, int number, HttpRequest request) =>
        {
            var json = await ReadJsonAsync(request);
            var now = _time.GetUtcNow();
            var comment = new FakeComment(NextId(), owner, repo, number, Str(json, "body") ?? "", now, now);
            lock (_lock) _comments.Add(comment);
            return Results.Json(FakeGitHubJson.Comment(Api, comment), statusCode: StatusCodes.Status201Created);
        });
        app.MapMethods("/repos/{owner}/{repo}/issues/comments/{id:long}", ["PATCH"], async (string owner, string repo, long id, HttpRequest request) =>
        {
            var json = await ReadJsonAsync(request);
            lock (_lock)
            {
                var index = _comments.FindIndex(c => c.Id == id && c.Owner == owner && c.Repository == repo);
                if (index < 0) return Results.Json(FakeGitHubJson.Error("Not Found"), statusCode: StatusCodes.Status404NotFound);
                _comments[index] = _comments[index] with { Body = Str(json, "body") ?? "", UpdatedAt = _time.GetUtcNow() };
                return Results.Json(FakeGitHubJson.Comment(Api, _comments[index]));
            }
        });
        app.MapGet("/repos/{owner}/{repo}/pulls/{number:int}", (string owner, string repo, int number) =>
        {
            lock (_lock)
                return _pulls.FirstOrDefault(p => p.Owner == owner && p.Repository == repo && p.Number == number) is { } pull
                    ? Results.Json(FakeGitHubJson.PullRequest(Api, pull, _time.GetUtcNow()))
                    : Results.Json(FakeGitHubJson.Error("Not Found"), statusCode: StatusCodes.Status404NotFound);
        });
        app.MapPost("/repos/{owner}/{repo}/pulls", async (string owner, string repo, HttpRequest request) =>
        {
            var json = await ReadJsonAsync(request);
            FakePullRequest pull;
            lock (_lock)
            {
                var head = Str(json, "head") ?? "";
                var @base = Str(json, "base") ?? "main";
                pull = new FakePullRequest(owner, repo, _pulls.Count + 1, Str(json, "title") ?? "", head,
                    _refs.GetValueOrDefault($"refs/heads/{head}", ""), @base, _refs.GetValueOrDefault($"refs/heads/{@base}", ""), Str(json, "body"));
                _pulls.Add(pull);
            }
            return Results.Json(FakeGitHubJson.PullRequest(Api, pull, _time.GetUtcNow()), statusCode: StatusCodes.Status201Created);
        });
        app.MapPost("/repos/{owner}/{repo}/git/refs", async (string owner, string repo, HttpRequest request) =>
        {
            var json = await ReadJsonAsync(request);
            var name = Str(json, "ref") ?? "";
            var sha = Str(json, "sha") ?? "";
            lock (_lock)
            {
                if (!_refs.TryAdd(name, sha))
                    return Results.Json(new { message = "Reference already exists", documentation_url = "https://docs.github.com/rest/git/refs#create-a-reference", status = "422" }, statusCode: StatusCodes.Status422UnprocessableEntity);
            }
            return Results.Json(FakeGitHubJson.Reference(Api, owner, repo, name, sha), statusCode: StatusCodes.Status201Created);
        });
        app.MapFallback((HttpContext context) => Results.Json(FakeGitHubJson.Error($"Not Found: {context.Request.Method} {context.Request.Path}"), statusCode: StatusCodes.Status404NotFound));
    }

    private long NextId() => Interlocked.Increment(ref _nextId);

    private static async Task<JsonElement> ReadJsonAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body);
        return document.RootElement.Clone();
    }

    private static string? Str(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
