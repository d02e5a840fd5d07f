namespace GitOps.Reconciler.Git.Remote;

/// <summary>What a fetch of the tracked branch found. A closed set.</summary>
public abstract record FetchResult
{
    private FetchResult() { }

    /// <summary>The remote's tracked branch is at <paramref name="Head"/> (now in <c>refs/remotes/origin/{branch}</c>).</summary>
    public sealed record Fetched(string Head) : FetchResult;

    /// <summary>The remote answered but has no such branch (a new, empty repository).</summary>
    public sealed record NoBranch : FetchResult;

    /// <summary>The remote could not be reached (network, DNS, authentication, timeout). The reason holds no credentials.</summary>
    public sealed record Unreachable(string Reason) : FetchResult;
}

/// <summary>What a push of one commit found. A closed set.</summary>
public abstract record PushResult
{
    private PushResult() { }

    public sealed record Pushed : PushResult;

    /// <summary>Not a fast-forward of the remote branch (or its ref was locked by a concurrent push): another writer won.</summary>
    public sealed record Refused : PushResult;

    /// <summary>The remote answered and declined for another reason (e.g. a protected branch, a hook).</summary>
    public sealed record Declined(string Reason) : PushResult;

    public sealed record Unreachable(string Reason) : PushResult;
}
