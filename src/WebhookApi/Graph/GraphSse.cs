using System.Threading.Channels;
using GraphQL;

namespace GitOps.WebhookApi.Graph;

/// <summary>The graphql-sse protocol in distinct connections mode: one request, one event stream of <c>next</c> events
/// (each an execution result) ended by <c>complete</c>. A query or mutation gives one <c>next</c>.</summary>
internal static class GraphSse
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task WriteAsync(HttpContext http, ExecutionResult result, IGraphQLTextSerializer serializer, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        if (result.Streams is not { Count: > 0 } streams)
        {
            await NextAsync(http, serializer.Serialize(result), cancellationToken);
            await CompleteAsync(http, cancellationToken);
            return;
        }

        // Results arrive on the publisher's thread; a bounded channel hands them to this request without blocking it.
        var channel = Channel.CreateBounded<ExecutionResult>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        // Subscribed before the headers go out: a client that sees the stream open gets every event after that.
        using var subscription = streams.Values.First().Subscribe(new ChannelObserver(channel.Writer));
        try
        {
            await http.Response.Body.FlushAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(KeepAlive);
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await WriteAsync(http, ":\n\n", cancellationToken); // keep-alive comment
                    continue;
                }
                if (!more) break;
                while (channel.Reader.TryRead(out var next)) await NextAsync(http, serializer.Serialize(next), cancellationToken);
            }
            await CompleteAsync(http, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left; the subscription is disposed above.
        }
    }

    private static Task NextAsync(HttpContext http, string json, CancellationToken cancellationToken) =>
        WriteAsync(http, $"event: next\ndata: {json}\n\n", cancellationToken);

    private static Task CompleteAsync(HttpContext http, CancellationToken cancellationToken) =>
        WriteAsync(http, "event: complete\ndata: \n\n", cancellationToken);

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    private sealed class ChannelObserver(ChannelWriter<ExecutionResult> writer) : IObserver<ExecutionResult>
    {
        public void OnCompleted() => writer.TryComplete();

        public void OnError(Exception error) => writer.TryComplete();

        public void OnNext(ExecutionResult value) => writer.TryWrite(value);
    }
}
