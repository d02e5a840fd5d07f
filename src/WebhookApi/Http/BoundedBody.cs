using System.Buffers;

namespace GitOps.WebhookApi.Http;

/// <summary>The raw bytes of a request body, or the fact that it was over the limit.</summary>
internal abstract record BodyRead
{
    private BodyRead() { }

    public sealed record Complete(ReadOnlyMemory<byte> Content) : BodyRead;

    public sealed record TooLarge(long Limit) : BodyRead;
}

/// <summary>The one reader of request bodies (REST, webhooks, GraphQL): a hard limit checked while reading, so an oversized
/// body is never buffered whole. Kestrel enforces <see cref="ApiLimits.MaxBodyBytes"/> too; this also guards hosts without
/// it (TestServer, chunked bodies) and smaller limits.</summary>
internal static class BoundedBody
{
    public static async Task<BodyRead> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return new BodyRead.TooLarge(limit);
        using var content = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(), cancellationToken)) > 0)
            {
                if (content.Length + read > limit) return new BodyRead.TooLarge(limit);
                content.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        // The stream's own buffer (no copy); it stays valid after the stream is disposed.
        return new BodyRead.Complete(new ReadOnlyMemory<byte>(content.GetBuffer(), 0, (int)content.Length));
    }
}
