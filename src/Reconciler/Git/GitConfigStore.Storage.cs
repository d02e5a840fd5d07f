using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>Storage faults (issue 11): a mutation that hits a full or read-only data directory answers
/// <see cref="MutationOutcome.StorageFailed"/> instead of an unexpected error, the fault is kept for status and
/// readiness, and it clears by itself once a write succeeds again.</summary>
public sealed partial class GitConfigStore
{
    private volatile StorageFault? _storageFault;

    /// <summary>The last storage fault, until a write succeeds again; null when the data directory writes fine.</summary>
    public StorageFault? StorageProblem => _storageFault;

    /// <summary>Re-probes the data directory when a fault is recorded, so status and readiness clear without waiting for the
    /// next mutation. Cheap when there is no fault. Returns the fault that remains.</summary>
    public StorageFault? CheckStorage()
    {
        if (_storageFault is not { } fault) return null;
        if (StorageFaults.Probe(RepositoryPath) is { } kind)
        {
            if (kind != fault.Kind) _storageFault = fault = new StorageFault(kind, StorageFaults.Describe(kind, DataDirectory), time.GetUtcNow());
            return fault;
        }
        StorageRecovered();
        return null;
    }

    private string DataDirectory => System.IO.Path.GetFullPath(_options.Path);

    /// <summary>Turns an I/O error of a mutation into <see cref="MutationOutcome.StorageFailed"/> when the data directory is
    /// full or read-only; null for any other error (the caller rethrows it).</summary>
    private MutationOutcome.StorageFailed? StorageFailure(Exception error)
    {
        if (error is not (IOException or LibGit2SharpException or UnauthorizedAccessException)) return null;
        if (StorageFaults.Classify(error, RepositoryPath) is not { } kind) return null;
        var message = StorageFaults.Describe(kind, DataDirectory);
        var before = _storageFault;
        var fault = before?.Kind == kind ? before : new StorageFault(kind, message, time.GetUtcNow());
        _storageFault = fault;
        if (before?.Kind != kind) LogStorageFault(error, kind.ToString(), DataDirectory);
        return new MutationOutcome.StorageFailed(fault);
    }

    private void StorageRecovered()
    {
        if (_storageFault is null) return;
        _storageFault = null;
        LogStorageRecovered(DataDirectory);
    }
}
