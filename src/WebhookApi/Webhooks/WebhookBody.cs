using System.Buffers;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>The raw body of a delivery, or the fact that it was over the limit.</summary>
internal abstract record BodyRead
{
    private BodyRead() { }

    public sealed record Complete(byte[] Content) : BodyRead;

    public sealed record TooLarge(long Limit) : BodyRead;
}

/// <summary>Reads a webhook body with a hard limit, checked while reading so that an oversized body is never buffered whole.</summary>
internal static class WebhookBody
{
    /// <summary>DESIGN §5: bodies over 1 MiB are refused with 413.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static async Task<BodyRead> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
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
        return new BodyRead.Complete(content.ToArray());
    }
}
