namespace GitOps.HotReload;

/// <summary>What the user's load callback made of a snapshot: a value to serve, or why the update is refused.</summary>
public abstract record LoadResult<T>
{
    private LoadResult()
    {
    }

    /// <summary>Serve <paramref name="Value"/> from now on.</summary>
    public sealed record Valid(T Value) : LoadResult<T>;

    /// <summary>Refuse the update and keep serving the previous value. <paramref name="File"/> names the key at fault, when known.</summary>
    public sealed record Invalid(string Reason, string? File = null) : LoadResult<T>;
}

/// <summary>Shorthands for <see cref="LoadResult{T}"/>.</summary>
public static class LoadResult
{
    public static LoadResult<T> Ok<T>(T value) => new LoadResult<T>.Valid(value);

    public static LoadResult<T> Refuse<T>(string reason, string? file = null) => new LoadResult<T>.Invalid(reason, file);
}
