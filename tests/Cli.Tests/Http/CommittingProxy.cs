using System.Net;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Http;

/// <summary>A loopback HTTP proxy in front of the real service that, before forwarding the first non-GET request,
/// runs a commit of its own: the head moves between the CLI's read and its write, as with a concurrent user.</summary>
internal sealed class CommittingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly Func<HttpClient, Task> _commit;
    private readonly Task _loop;
    private int _fired;

    public CommittingProxy(Uri upstream, Func<HttpClient, Task> commit)
    {
        _upstream = new HttpClient { BaseAddress = upstream };
        _commit = commit;
        Address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Address { get; }

    /// <summary>Whether the interposed commit ran.</summary>
    public bool Fired => _fired == 1;

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            await ForwardAsync(context);
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var incoming = context.Request;
        if (incoming.HttpMethod != "GET" && Interlocked.Exchange(ref _fired, 1) == 0) await _commit(_upstream);
        using var request = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), new Uri(incoming.RawUrl!, UriKind.Relative));
        using var body = new MemoryStream();
        await incoming.InputStream.CopyToAsync(body);
        if (body.Length > 0 || incoming.HttpMethod is "POST" or "PUT" or "PATCH")
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (incoming.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        foreach (var name in incoming.Headers.AllKeys.OfType<string>().Where(n => n is "Authorization" or "If-Match" or "X-Change-Reason"))
            request.Headers.TryAddWithoutValidation(name, incoming.Headers[name]);
        using var response = await _upstream.SendAsync(request);
        var outgoing = context.Response;
        outgoing.StatusCode = (int)response.StatusCode;
        if (response.Headers.ETag is { } etag) outgoing.Headers["ETag"] = etag.ToString();
        if (response.Content.Headers.ContentType is { } contentType) outgoing.ContentType = contentType.ToString();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        outgoing.ContentLength64 = bytes.Length;
        await outgoing.OutputStream.WriteAsync(bytes);
        outgoing.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _upstream.Dispose();
    }
}
