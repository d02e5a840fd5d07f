using GitOps.HotReload.Mounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.HotReload;

/// <summary>Opens mounted directories.</summary>
public static class MountedConfig
{
    /// <summary>Opens the directory, loads it once (a failure is a <see cref="HotReloadStartupException"/> naming the file),
    /// then keeps <see cref="MountedConfig{T}.Current"/> up to date until disposed.</summary>
    public static MountedConfig<T> Open<T>(HotReloadOptions options, Func<MountSnapshot, LoadResult<T>> load, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(load);
        options.Validate();
        return new MountedConfig<T>(options, load, logger ?? NullLogger.Instance, time ?? TimeProvider.System);
    }
}

/// <summary>A value loaded from a mounted directory and kept up to date: watch, read a consistent snapshot, validate
/// with the caller's <c>load</c> callback, and either serve the new value or keep the previous one.</summary>
/// <remarks>
/// Order of one reload: read the snapshot (one <c>..data</c> target); skip when its hash equals the last content examined;
/// call <c>load</c>; on success swap <see cref="Current"/> (one reference write), count, log, then raise
/// <see cref="Changed"/>; on refusal keep <see cref="Current"/>, count, log the refused hash and raise <see cref="Refused"/>.
/// Reloads never overlap. The periodic fingerprint check reads the content only when <c>..data</c> moved (a kubelet
/// mount never rewrites a data directory in place) or, in a plain folder, every time (its content hash is the fingerprint).
/// </remarks>
public sealed class MountedConfig<T> : IReloadState, IDisposable
{
    private readonly HotReloadOptions _options;
    private readonly Func<MountSnapshot, LoadResult<T>> _load;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SnapshotReader _reader;
    private readonly DirectoryWatcher _watcher;
    private volatile Loaded<T> _current = null!;
    private string _examinedHash = "";
    private string? _examinedTarget;
    private DateTimeOffset? _staleSince;

    internal MountedConfig(HotReloadOptions options, Func<MountSnapshot, LoadResult<T>> load, ILogger logger, TimeProvider time)
    {
        _options = options;
        _load = load;
        _logger = logger;
        _time = time;
        var full = System.IO.Path.GetFullPath(options.Path);
        var singleFile = File.Exists(full) && !System.IO.Directory.Exists(full);
        var directory = singleFile ? System.IO.Path.GetDirectoryName(full)! : full;
        var key = singleFile ? System.IO.Path.GetFileName(full) : null;
        if (!System.IO.Directory.Exists(directory))
            throw new HotReloadStartupException($"{full}: the directory to watch does not exist");
        foreach (var problem in MountInspection.NeverUpdating(full, singleFile)) HotReloadLog.NeverUpdates(logger, Name, problem);
        _reader = new SnapshotReader(directory, key);
        _watcher = new DirectoryWatcher(
            new DirectoryWatcherOptions
            {
                Path = directory,
                Debounce = options.Debounce,
                FingerprintInterval = options.FingerprintInterval,
                Filter = key is null ? null : name => name == key || name.StartsWith(MountLayout.DataLink, StringComparison.Ordinal),
            },
            (trigger, _) => Task.FromResult(Reload(trigger)), logger, time);
        try
        {
            lock (_reader)
            {
                // Watch first, then read: a change between the two is then seen as an event, never lost. The lock holds the
                // watcher's first callback back until the initial value is in place.
                _watcher.Start();
                _current = LoadInitial();
                _examinedHash = _current.Hash;
                _examinedTarget = _current.Snapshot.DataTarget;
            }
        }
        catch
        {
            _watcher.Dispose(); // outside the lock: a callback waiting for it can finish and see there is no value
            throw;
        }
        HotReloadMetrics.Track(this);
    }

    /// <summary>Raised after a new value was applied (on the watcher's thread; keep handlers short).</summary>
    public event Action<Loaded<T>>? Changed;

    /// <summary>Raised when an update was refused and the previous value stays.</summary>
    public event Action<Rejected>? Refused;

    /// <summary>The value in use and the snapshot it came from. Capture it once per unit of work.</summary>
    public Loaded<T> Current => _current;

    public string Name => _options.DisplayName;

    public DateTimeOffset? LastSuccess => _current.LoadedAt;

    /// <summary>How long newer content has been refused (or unreadable); zero while <see cref="Current"/> is the mount's content.</summary>
    public TimeSpan Staleness => _staleSince is { } since ? _time.GetUtcNow() - since : TimeSpan.Zero;

    /// <summary>Reads the directory now instead of waiting for the watcher (e.g. after a notification that a new hash is coming).</summary>
    public ReloadResult ReloadNow() => Reload("explicit");

    public void Dispose()
    {
        HotReloadMetrics.Untrack(this);
        _watcher.Dispose();
    }

    private Loaded<T> LoadInitial()
    {
        MountSnapshot snapshot;
        try
        {
            snapshot = _reader.Read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HotReloadStartupException($"{_reader.Directory}: could not read the mounted directory: {ex.Message}", ex);
        }
        var result = Invoke(snapshot);
        if (result is LoadResult<T>.Invalid invalid)
        {
            var file = System.IO.Path.Combine(_reader.Directory, invalid.File ?? string.Join(", ", snapshot.Files.Keys));
            // Parsers often start the reason with the file name and line ("app.yaml:3: …"): keep that, with the full path.
            var message = invalid.File is { } key && invalid.Reason.StartsWith(key + ":", StringComparison.Ordinal)
                ? System.IO.Path.Combine(_reader.Directory, invalid.Reason)
                : $"{file}: {invalid.Reason}";
            throw new HotReloadStartupException($"{message} (sha256 {snapshot.Hash})");
        }
        var loaded = new Loaded<T>(((LoadResult<T>.Valid)result).Value, snapshot, _time.GetUtcNow());
        HotReloadMetrics.Record(Name, ReloadResult.Success);
        HotReloadLog.Loaded(_logger, Name, snapshot.ShortHash, snapshot.Hash, snapshot.Files.Count, snapshot.DataTarget ?? "the folder itself", "start-up");
        return loaded;
    }

    private ReloadResult Reload(string trigger)
    {
        lock (_reader)
        {
            if (_current is null) return ReloadResult.Unchanged; // the initial load failed; this instance is being torn down
            var result = ReloadLocked(trigger);
            HotReloadMetrics.Record(Name, result);
            return result;
        }
    }

    private ReloadResult ReloadLocked(string trigger)
    {
        MountSnapshot snapshot;
        try
        {
            // The fingerprint of a kubelet mount is its ..data target: an unchanged target means unchanged content.
            if (trigger == "fingerprint" && _examinedTarget is not null && _reader.DataTarget() == _examinedTarget) return ReloadResult.Unchanged;
            snapshot = _reader.Read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _staleSince ??= _time.GetUtcNow();
            HotReloadLog.ReadFailed(_logger, ex, Name, _reader.Directory, _current.ShortHash);
            return ReloadResult.Error;
        }
        _examinedTarget = snapshot.DataTarget;
        if (snapshot.Hash == _examinedHash)
        {
            HotReloadLog.Unchanged(_logger, Name, snapshot.ShortHash, trigger);
            return ReloadResult.Unchanged;
        }
        _examinedHash = snapshot.Hash;
        switch (Invoke(snapshot))
        {
            case LoadResult<T>.Valid valid:
                var loaded = new Loaded<T>(valid.Value, snapshot, _time.GetUtcNow());
                _current = loaded;
                _staleSince = null;
                HotReloadLog.Loaded(_logger, Name, snapshot.ShortHash, snapshot.Hash, snapshot.Files.Count, snapshot.DataTarget ?? "the folder itself", trigger);
                Notify(() => Changed?.Invoke(loaded));
                return ReloadResult.Success;
            case LoadResult<T>.Invalid invalid:
                _staleSince ??= _time.GetUtcNow();
                HotReloadLog.Refused(_logger, Name, snapshot.ShortHash, snapshot.Hash, invalid.File ?? _reader.Directory, invalid.Reason, _current.ShortHash);
                var rejected = new Rejected(snapshot, invalid.Reason, invalid.File, _time.GetUtcNow());
                Notify(() => Refused?.Invoke(rejected));
                return ReloadResult.Invalid;
            default:
                throw new InvalidOperationException("unknown load result");
        }
    }

    /// <summary>The callback's exceptions (a parser's, typically) count as a refusal, not as a crash of the watcher.</summary>
    private LoadResult<T> Invoke(MountSnapshot snapshot)
    {
        try
        {
            return _load(snapshot) ?? LoadResult.Refuse<T>("the load callback returned null");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return LoadResult.Refuse<T>($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private void Notify(Action raise)
    {
        try
        {
            raise();
        }
        catch (Exception ex)
        {
            HotReloadLog.HandlerFailed(_logger, ex, Name);
        }
    }
}
