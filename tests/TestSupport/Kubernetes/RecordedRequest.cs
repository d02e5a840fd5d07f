namespace GitOps.TestSupport.Kubernetes;

/// <summary>A request the fake API server received, for assertions.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType)
{
    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);
}
