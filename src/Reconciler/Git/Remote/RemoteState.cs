namespace GitOps.Reconciler.Git.Remote;

/// <summary>Whether the store can be written: <see cref="ReadWrite"/>, or <see cref="ReadOnly"/> while the remote cannot be reached.</summary>
public enum StoreMode
{
    ReadWrite,
    ReadOnly,
}

/// <summary>What <c>GET /status</c> shows about the remote: the mode, the last error while degraded, and since when.</summary>
public sealed record RemoteStatus(StoreMode Mode, string? LastError, DateTimeOffset? Since)
{
    public static RemoteStatus Healthy { get; } = new(StoreMode.ReadWrite, null, null);
}

/// <summary>The remote's reachability as the fetches and pushes last found it (DESIGN §3, degraded mode).</summary>
/// <remarks>Registered in every mode; without a remote it stays <see cref="StoreMode.ReadWrite"/>. Error texts are
/// already redacted (no credentials). <see cref="Changed"/> is raised outside any lock, on the thread that changed it.</remarks>
public sealed class RemoteState(TimeProvider time)
{
    private volatile RemoteStatus _current = RemoteStatus.Healthy;

    public RemoteStatus Current => _current;

    public bool IsReadOnly => _current.Mode == StoreMode.ReadOnly;

    /// <summary>Raised when the mode flips (to read-only, or back to read-write).</summary>
    public event Action<RemoteStatus>? Changed;

    /// <summary>A fetch or push could not reach the remote: the store goes read-only until one succeeds again.</summary>
    public void Unreachable(string reason)
    {
        var before = _current;
        var after = new RemoteStatus(StoreMode.ReadOnly, reason, before.Mode == StoreMode.ReadOnly ? before.Since : time.GetUtcNow());
        _current = after;
        if (before.Mode != StoreMode.ReadOnly) Changed?.Invoke(after);
    }

    /// <summary>A fetch or push reached the remote.</summary>
    public void Reachable()
    {
        if (_current.Mode == StoreMode.ReadWrite) return;
        _current = RemoteStatus.Healthy;
        Changed?.Invoke(RemoteStatus.Healthy);
    }
}
