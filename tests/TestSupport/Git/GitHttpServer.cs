using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.TestSupport.Git;

/// <summary>One request the server saw: who (null when authentication failed or was missing), what, how it was framed
/// (<c>Content-Encoding</c>, chunked when <paramref name="ContentLength"/> is null on a POST, the <c>Git-Protocol</c> header), and the answer.</summary>
public sealed record GitHttpRequest(string Method, string Path, string Query, string? User, int Status, long? ContentLength, string? ContentEncoding, string? GitProtocol);

/// <summary>Smart HTTP git hosting on <c>http://127.0.0.1:{port}/</c>: Kestrel in front of Debian's <c>git http-backend</c>
/// (CGI), serving every bare repository under a folder, push included, behind HTTP basic authentication.</summary>
/// <remarks>A request without the right user name and password gets 401 with <c>WWW-Authenticate: Basic</c>, as GitHub and
/// GitLab answer. <see cref="SetCredentials"/> changes them while running (a rotated or revoked token).</remarks>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<GitHttpRequest> _requests = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly string _projectRoot;
    private (string User, string Password) _credentials;
    private WebApplication? _app;

    private GitHttpServer(string projectRoot, string user, string password)
    {
        _projectRoot = projectRoot;
        _credentials = (user, password);
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every request so far, in order (never the credentials).</summary>
    public IReadOnlyList<GitHttpRequest> Requests => [.. _requests];

    /// <summary>What <c>git http-backend</c> wrote to standard error.</summary>
    public string Errors => string.Join('\n', _errors);

    /// <summary>The URL of a repository under the project root (e.g. <c>config.git</c>).</summary>
    public string UrlOf(string repository) => new Uri(BaseAddress, repository).AbsoluteUri;

    /// <summary>Serves the bare repositories under <paramref name="projectRoot"/> to <paramref name="user"/> with <paramref name="password"/>.</summary>
    public static async Task<GitHttpServer> StartAsync(string projectRoot, string user, string password)
    {
        if (!File.Exists(GitCgiBridge.BackendPath)) throw new InvalidOperationException($"{GitCgiBridge.BackendPath} not found (Debian package git)");
        var server = new GitHttpServer(Path.GetFullPath(projectRoot), user, password);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Packs pushed by git can be larger than Kestrel's default request body limit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        server._app = app;
        return server;
    }

    public void SetCredentials(string user, string password) => _credentials = (user, password);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var user = Authenticate(context.Request);
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            await context.Response.WriteAsync("authentication required\n");
        }
        else
        {
            await GitCgiBridge.ServeAsync(context, _projectRoot, user, _errors);
        }
        var request = context.Request;
        _requests.Enqueue(new GitHttpRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", user, context.Response.StatusCode,
            request.ContentLength, NullIfEmpty(request.Headers.ContentEncoding.ToString()), NullIfEmpty(request.Headers["Git-Protocol"].ToString())));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>The user name when the request carries the expected basic credentials (compared in constant time), else null.</summary>
    private string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var (user, password) = _credentials;
        var expected = Encoding.UTF8.GetBytes($"{user}:{password}");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected) ? user : null;
    }
}
