namespace GitOps.Reconciler.Git;

public sealed partial class GitConfigStore
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Opened config repository {RepositoryPath} at {Head} (snapshot {SnapshotHash})")] private partial void LogOpened(string repositoryPath, string head, string snapshotHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded config repository at {Head} (snapshot {SnapshotHash})")] private partial void LogReloaded(string head, string snapshotHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Branch head {Head} is invalid ({ErrorCount} errors); still serving {ServedHead}")] private partial void LogHeadInvalid(string head, int errorCount, string servedHead);
}
