namespace GitOps.HotReload;

/// <summary>An applied value with the snapshot it came from. Immutable: a request that captured it sees no change
/// while a reload happens (the reload builds a new one).</summary>
public sealed record Loaded<T>(T Value, Mounts.MountSnapshot Snapshot, DateTimeOffset LoadedAt)
{
    public string Hash => Snapshot.Hash;

    public string ShortHash => Snapshot.ShortHash;
}

/// <summary>An update that was read but refused; the previous value stays.</summary>
public sealed record Rejected(Mounts.MountSnapshot Snapshot, string Reason, string? File, DateTimeOffset At);

/// <summary>The outcome of one reload attempt (closed set).</summary>
public enum ReloadResult
{
    /// <summary>New content was loaded and is served now.</summary>
    Success,

    /// <summary>The content has not changed since the last read.</summary>
    Unchanged,

    /// <summary>The load callback refused the content; the previous value stays.</summary>
    Invalid,

    /// <summary>The directory could not be read (I/O); the previous value stays.</summary>
    Error,
}
