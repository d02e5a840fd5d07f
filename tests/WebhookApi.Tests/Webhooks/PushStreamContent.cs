using System.Net;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>Request content written by a callback with no known length (sent chunked, no Content-Length).</summary>
internal sealed class PushStreamContent(Func<Stream, Task> write) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
