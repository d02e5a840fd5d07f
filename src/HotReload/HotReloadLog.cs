namespace GitOps.HotReload;

internal static partial class HotReloadLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Name} {ShortHash} (sha256 {Hash}): {Keys} keys from {DataDirectory} ({Trigger})")] public static partial void Loaded(ILogger logger, string name, string shortHash, string hash, int keys, string dataDirectory, string trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Name} update {ShortHash} (sha256 {Hash}) in {File}: {Reason}; still serving {CurrentShortHash}")] public static partial void Refused(ILogger logger, string name, string shortHash, string hash, string file, string reason, string currentShortHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Name} at {Directory}; still serving {CurrentShortHash}")] public static partial void ReadFailed(ILogger logger, Exception exception, string name, string directory, string currentShortHash);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Name} unchanged at {ShortHash} ({Trigger})")] public static partial void Unchanged(ILogger logger, string name, string shortHash, string trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} will never update: {Problem}")] public static partial void NeverUpdates(ILogger logger, string name, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File watcher for {Name} reported an error (events may be lost; the fingerprint check covers them)")] public static partial void WatcherError(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Changed handler for {Name} threw")] public static partial void HandlerFailed(ILogger logger, Exception exception, string name);
}
