namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// Counts the requests a Kubernetes client sends, split into reads (GET) and writes (everything else), so a reconcile pass
/// can prove that nothing was written when nothing drifted. Part of the client's HTTP pipeline.
/// </summary>
public sealed class ApiCallCounter : DelegatingHandler
{
    private long reads;
    private long writes;

    public long Reads => Interlocked.Read(ref reads);

    public long Writes => Interlocked.Read(ref writes);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
            Interlocked.Increment(ref reads);
        else
            Interlocked.Increment(ref writes);
        return base.SendAsync(request, cancellationToken);
    }
}
