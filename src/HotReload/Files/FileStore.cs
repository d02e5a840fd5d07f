using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.HotReload.Files;

/// <summary>A typed file for local tools and local state: loaded once (seeded on first run, migrated and rewritten when
/// its schema is older), saved atomically with mode 0600 every time.</summary>
/// <remarks>Every write goes through <see cref="AtomicFile"/>: a reader (another process, the CLI) sees the old or the new
/// content, never a part, however many saves run at once. Owner-only because such files hold tokens; a file found with a
/// wider mode is logged as a warning on load and tightened back to 0600.</remarks>
public sealed partial class FileStore<T>(string path, FileFormat<T> format, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Reads the file; creates it with <see cref="FileFormat{T}.Seed"/> when absent or empty; rewrites it when migrated.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not valid for the format (the message names the file).</exception>
    public T Load()
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(Path);
        }
        catch (FileNotFoundException)
        {
            return SeedNew("created");
        }
        catch (DirectoryNotFoundException)
        {
            return SeedNew("created");
        }
        WarnIfShared();
        switch (format.Read(content))
        {
            case FileRead<T>.Current current:
                return current.Value;
            case FileRead<T>.Migrated migrated:
                Save(migrated.Value);
                LogMigrated(_logger, Path, migrated.FromVersion, migrated.ToVersion);
                return migrated.Value;
            case FileRead<T>.Empty:
                return SeedNew("was empty; seeded");
            case FileRead<T>.Invalid invalid:
                throw new InvalidDataException($"{Path}: {invalid.Reason}");
            default:
                throw new InvalidOperationException("unknown file read outcome");
        }
    }

    /// <summary>Replaces the file atomically (temporary file, fsync, rename, fsync of the directory), mode 0600.</summary>
    public void Save(T value) => AtomicFile.Write(Path, format.Write(value));

    private T SeedNew(string what)
    {
        var value = format.Seed();
        Save(value);
        LogSeeded(_logger, Path, what);
        return value;
    }

    private void WarnIfShared()
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(Path);
        if ((mode & ~AtomicFile.OwnerOnly & (UnixFileMode)0x1FF) == 0) return;
        LogTooOpen(_logger, Path, Convert.ToString((int)mode & 0x1FF, 8));
        File.SetUnixFileMode(Path, AtomicFile.OwnerOnly);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SECURITY: {Path} had mode {Mode}, readable or writable by other users; it may hold secrets. Reset to 0600: check who else could have read it")] private static partial void LogTooOpen(ILogger logger, string path, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated {Path} from schema version {FromVersion} to {ToVersion} (rewritten atomically)")] private static partial void LogMigrated(ILogger logger, string path, int fromVersion, int toVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} {What} with defaults (mode 0600)")] private static partial void LogSeeded(ILogger logger, string path, string what);
}
