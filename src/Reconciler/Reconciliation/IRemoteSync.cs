namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// Step (1) of a pass (DESIGN §6): bring the local repository up to date with the remote before it is read. A process
/// boundary; the remote mode registers one, the embedded default (no remote) has none and the pass skips the step.
/// </summary>
public interface IRemoteSync
{
    /// <summary>Fetches the tracked branch into the local repository. Failures are outcomes, not exceptions.</summary>
    Task<RemoteFetch> FetchAsync(CancellationToken cancellationToken);
}

/// <summary>The result of a fetch. A closed set.</summary>
public abstract record RemoteFetch
{
    private RemoteFetch() { }

    public sealed record Fetched(string Head) : RemoteFetch;

    /// <summary>The remote could not be reached; the pass goes on with the last fetched state and is Degraded.</summary>
    public sealed record Unreachable(string Reason) : RemoteFetch;
}
