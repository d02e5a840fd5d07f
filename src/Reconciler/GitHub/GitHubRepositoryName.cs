namespace GitOps.Reconciler.GitHub;

/// <summary>Reads owner and repository from a clone URL: <c>https://github.com/o/r.git</c>, <c>git@github.com:o/r.git</c>,
/// <c>ssh://git@host/o/r</c>. The last two path segments are taken, so Enterprise hosts work too.</summary>
internal static class GitHubRepositoryName
{
    public static bool TryParse(string? url, out string owner, out string repository)
    {
        owner = repository = "";
        if (string.IsNullOrWhiteSpace(url)) return false;
        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git")
            path = uri.AbsolutePath;
        else if (url.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && url.Contains('@', StringComparison.Ordinal) && !url.Contains("://", StringComparison.Ordinal))
            path = url[(colon + 1)..];
        else
            return false;
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2) return false;
        owner = segments[^2];
        repository = segments[^1].EndsWith(".git", StringComparison.Ordinal) ? segments[^1][..^4] : segments[^1];
        return owner.Length > 0 && repository.Length > 0;
    }
}
