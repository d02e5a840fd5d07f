using System.Collections.Concurrent;
using GitOps.TestSupport.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitOps.WebhookApi.Tests.Notifications;

/// <summary>One request a receiver got: headers and body as they came, the order it was received and answered in (one
/// counter shared by every receiver of a test, so tests assert ordering, not time).</summary>
public sealed record ReceivedWebhook(int Receiver, long ReceivedOrder, string WebhookId, string Timestamp, string Signature,
    string ContentType, byte[] Body)
{
    public long AnsweredOrder { get; set; }
}

/// <summary>A real HTTP subscriber on a loopback port (Kestrel). <paramref name="answer"/> decides each answer from the
/// request number (1-based): a status code, after an optional wait.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SharedOrder _order;
    private int _count;

    private readonly Func<int, (int Status, TimeSpan Delay)> _answer;

    private WebhookReceiver(WebApplication app, int index, SharedOrder order, Func<int, (int Status, TimeSpan Delay)> answer)
    {
        _app = app;
        Index = index;
        _order = order;
        _answer = answer;
    }

    public int Index { get; }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Requests answered so far (a slow answer counts once it is sent).</summary>
    public IReadOnlyList<ReceivedWebhook> Answered => [.. _received.Where(r => r.AnsweredOrder > 0)];

    public static async Task<WebhookReceiver> StartAsync(int index, SharedOrder order, Func<int, (int Status, TimeSpan Delay)>? answer = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, index, order, answer ?? (_ => (200, TimeSpan.Zero)));
        app.MapPost("/hook/{**rest}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri($"http://127.0.0.1:{port}/hook/{index}?token=path-secret-{index}");
        return receiver;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var number = Interlocked.Increment(ref _count);
        var request = new ReceivedWebhook(Index, _order.Next(), http.Request.Headers["webhook-id"].ToString(),
            http.Request.Headers["webhook-timestamp"].ToString(), http.Request.Headers["webhook-signature"].ToString(),
            http.Request.ContentType ?? "", buffer.ToArray());
        _received.Enqueue(request);
        var (status, delay) = _answer(number);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, http.RequestAborted);
        request.AnsweredOrder = _order.Next();
        http.Response.StatusCode = status;
    }

    /// <summary>Waits (polling, bounded) until <paramref name="done"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> done, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>A counter shared by the receivers of one test: the order things happened in.</summary>
public sealed class SharedOrder
{
    private long _next;

    public long Next() => Interlocked.Increment(ref _next);
}
