using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.HotReload;

/// <summary>Watches one directory (never single files): debounced file events plus a periodic tick, both delivered to
/// one callback that runs at most once at a time.</summary>
/// <remarks>
/// The kubelet <c>..data</c> swap arrives as a rename (or a create, or a write, depending on the kernel path), an editor's
/// save as a rename over the file; all of them just mark the directory dirty. The callback runs after
/// <see cref="DirectoryWatcherOptions.Debounce"/> without further events (at most 4× that after the first event, so a
/// steady stream of events cannot starve it). The periodic tick covers every event the kernel lost.
/// </remarks>
public sealed class DirectoryWatcher : IDisposable
{
    private readonly DirectoryWatcherOptions _options;
    private readonly Func<string, CancellationToken, Task> _onChange;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private FileSystemWatcher? _watcher;
    private long _lastEvent;
    private Task _loops = Task.CompletedTask;

    public DirectoryWatcher(DirectoryWatcherOptions options, Func<string, CancellationToken, Task> onChange, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _onChange = onChange;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Starts watching. Events before this call are not seen: read the directory after starting, not before.</summary>
    public void Start()
    {
        var watcher = new FileSystemWatcher(_options.Path)
        {
            IncludeSubdirectories = _options.IncludeSubdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += OnEvent;
        watcher.Changed += OnEvent;
        watcher.Deleted += OnEvent;
        watcher.Renamed += OnEvent;
        watcher.Error += OnError;
        watcher.EnableRaisingEvents = true;
        _watcher = watcher;
        _loops = Task.WhenAll(Task.Run(() => DebounceLoopAsync(_stop.Token)), Task.Run(() => TickLoopAsync(_stop.Token)));
    }

    /// <summary>Runs the callback now (serialised with the watcher's own calls).</summary>
    public Task CheckNowAsync(string trigger, CancellationToken cancellationToken = default) => RunAsync(trigger, cancellationToken);

    public void Dispose()
    {
        _stop.Cancel();
        _watcher?.Dispose();
        try
        {
            _loops.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loops end by cancellation
        }
        // _stop and _running are not disposed: a loop that outlived the wait above may still touch them.
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (_options.Filter is { } filter && !filter(e.Name ?? "") && !(e is RenamedEventArgs r && filter(r.OldName ?? ""))) return;
        Volatile.Write(ref _lastEvent, _time.GetTimestamp());
        _dirty.Writer.TryWrite(true);
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        HotReloadLog.WatcherError(_logger, e.GetException(), _options.Path);
        Volatile.Write(ref _lastEvent, _time.GetTimestamp());
        _dirty.Writer.TryWrite(true);
    }

    private async Task DebounceLoopAsync(CancellationToken ct)
    {
        try
        {
            while (await _dirty.Reader.WaitToReadAsync(ct))
            {
                _dirty.Reader.TryRead(out _);
                var first = _time.GetTimestamp();
                while (true)
                {
                    var quiet = _time.GetElapsedTime(Volatile.Read(ref _lastEvent));
                    if (quiet >= _options.Debounce || _time.GetElapsedTime(first) >= _options.Debounce * 4) break;
                    await Task.Delay(_options.Debounce - quiet, _time, ct);
                }
                _dirty.Reader.TryRead(out _); // events folded into this run
                await RunAsync("event", ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task TickLoopAsync(CancellationToken ct)
    {
        if (_options.FingerprintInterval is not { } interval) return;
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await RunAsync("fingerprint", ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(string trigger, CancellationToken ct)
    {
        await _running.WaitAsync(ct);
        try
        {
            await _onChange(trigger, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            HotReloadLog.HandlerFailed(_logger, ex, _options.Path);
        }
        finally
        {
            _running.Release();
        }
    }
}

/// <summary>Options of a <see cref="DirectoryWatcher"/>.</summary>
public sealed class DirectoryWatcherOptions
{
    public required string Path { get; init; }

    public bool IncludeSubdirectories { get; init; }

    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Period of the "fingerprint" callback that catches lost events; null: events only.</summary>
    public TimeSpan? FingerprintInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Which changed names (relative to <see cref="Path"/>) matter; null: all.</summary>
    public Func<string, bool>? Filter { get; init; }
}
