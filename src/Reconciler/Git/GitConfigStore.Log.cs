using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Git;

public sealed partial class GitConfigStore
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Opened config repository {RepositoryPath} at {Head} (snapshot {SnapshotHash})")]
    private partial void LogOpened(string repositoryPath, string head, string snapshotHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded new config repository from {SeedPath} as {Head}")]
    private partial void LogSeeded(string seedPath, string head);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded config repository at {Head} (snapshot {SnapshotHash})")]
    private partial void LogReloaded(string head, string snapshotHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Branch head {Head} is invalid ({ErrorCount} errors); still serving {ServedHead}")]
    private partial void LogHeadInvalid(string head, int errorCount, string servedHead);

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed {Head} on {PreviousHead}: {Summary}")]
    private partial void LogCommitted(string head, string previousHead, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mutation refused: branch is at {CurrentHead}, caller expected {ExpectedHead}")]
    private partial void LogHeadMoved(string currentHead, string expectedHead);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Branch moved under us from {ExpectedHead} to {CurrentHead}; retrying (attempt {Attempt})")]
    private partial void LogRetrying(string expectedHead, string currentHead, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Branch {BranchRef} was missing or empty: restored it to {Head} from its reflog (last entry: {ReflogEntry}); nothing was seeded")]
    private partial void LogBranchRestored(string branchRef, string head, string reflogEntry);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Branch {BranchRef} is missing and cannot be restored: {Problem}")]
    private partial void LogBranchMissing(string branchRef, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Branch head {Head} not applied: commit {Commit} failed signature verification: {Reason} (key {KeyId})")]
    private partial void LogVerificationFailed(string head, string commit, string reason, string keyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writes refused ({StorageFault}): the data directory {DataDirectory} cannot be written; reads go on serving the last snapshot")]
    private partial void LogStorageFault(Exception exception, string storageFault, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data directory {DataDirectory} accepts writes again")]
    private partial void LogStorageRecovered(string dataDirectory);
}
