namespace GitOps.HotReload;

/// <summary>What to watch and how eagerly.</summary>
public sealed class HotReloadOptions
{
    /// <summary>The mounted directory (a ConfigMap/Secret volume, or a plain folder in local development). A single file
    /// is accepted but logged as a start-up warning: a <c>subPath</c> mount never updates.</summary>
    public required string Path { get; set; }

    /// <summary>The name on log lines and the <c>name</c> metric tag; default: the directory's name.</summary>
    public string? Name { get; set; }

    /// <summary>Quiet time after the last file event before reading (bursts of events become one read). Default 250 ms.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the <c>..data</c> target and content hash are compared even without events, so a lost inotify
    /// event (queue overflow, NFS, a create missed before the watch was set) costs this long at most. Default 5 s.</summary>
    public TimeSpan FingerprintInterval { get; set; } = TimeSpan.FromSeconds(5);

    internal string DisplayName => Name ?? System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(Path)));

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) throw new ArgumentException("HotReloadOptions.Path is required", nameof(Path));
        if (Debounce < TimeSpan.Zero || Debounce > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(Debounce), Debounce, "HotReloadOptions.Debounce must be between 0 and 1 minute");
        if (FingerprintInterval < TimeSpan.FromMilliseconds(100))
            throw new ArgumentOutOfRangeException(nameof(FingerprintInterval), FingerprintInterval, "HotReloadOptions.FingerprintInterval must be at least 100 ms");
    }
}
