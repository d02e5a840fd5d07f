using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git;

/// <summary>Storage faults (issue 11): a mutation that hits a full or read-only data directory answers
/// <see cref="MutationOutcome.StorageFailed"/> instead of an unexpected error, the fault is kept for status and
/// readiness, and it clears by itself once a write succeeds again.</summary>
internal sealed partial class StorageHealth(string gitDirectory, string dataDirectory, TimeProvider time, ILogger logger)
{
    private volatile StorageFault? _fault;

    /// <summary>The last storage fault, until a write succeeds again; null when the data directory writes fine.</summary>
    public StorageFault? Problem => _fault;

    /// <summary>Re-probes the data directory when a fault is recorded. Cheap when there is no fault. Returns the fault that remains.</summary>
    public StorageFault? Check()
    {
        if (_fault is not { } fault) return null;
        if (StorageFaults.Probe(gitDirectory) is { } kind)
        {
            if (kind != fault.Kind) _fault = fault = new StorageFault(kind, StorageFaults.Describe(kind, dataDirectory), time.GetUtcNow());
            return fault;
        }
        Recovered();
        return null;
    }

    /// <summary>Turns an I/O error of a mutation into <see cref="MutationOutcome.StorageFailed"/> when the data directory is
    /// full or read-only; null for any other error (the caller rethrows it).</summary>
    public MutationOutcome.StorageFailed? Failure(Exception error)
    {
        if (error is not (IOException or LibGit2SharpException or UnauthorizedAccessException)) return null;
        if (StorageFaults.Classify(error, gitDirectory) is not { } kind) return null;
        var message = StorageFaults.Describe(kind, dataDirectory);
        var before = _fault;
        var fault = before?.Kind == kind ? before : new StorageFault(kind, message, time.GetUtcNow());
        _fault = fault;
        if (before?.Kind != kind) LogStorageFault(error, kind.ToString(), dataDirectory);
        return new MutationOutcome.StorageFailed(fault);
    }

    /// <summary>A write succeeded: the fault, if any, is over.</summary>
    public void Recovered()
    {
        if (_fault is null) return;
        _fault = null;
        LogStorageRecovered(dataDirectory);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writes refused ({StorageFault}): the data directory {DataDirectory} cannot be written; reads go on serving the last snapshot")]
    private partial void LogStorageFault(Exception exception, string storageFault, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data directory {DataDirectory} accepts writes again")]
    private partial void LogStorageRecovered(string dataDirectory);
}
