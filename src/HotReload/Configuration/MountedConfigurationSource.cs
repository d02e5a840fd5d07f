using Microsoft.Extensions.Configuration;

namespace GitOps.HotReload.Configuration;

/// <summary>An <see cref="IConfiguration"/> source over the <c>*.yaml</c>/<c>*.json</c> keys of a mounted directory.
/// Its change token fires only after a good reload, so <c>IOptionsMonitor&lt;T&gt;</c> never sees a refused update.</summary>
public sealed class MountedConfigurationSource : IConfigurationSource
{
    /// <summary>The directory to watch (see <see cref="HotReloadOptions"/>).</summary>
    public required HotReloadOptions Watch { get; init; }

    /// <summary>Put each file's keys under its name without extension (default), or merge all files at the root.</summary>
    public bool PrefixWithFileName { get; init; } = true;

    /// <summary>Which keys (file names) to read; null: every <c>*.json</c>, <c>*.yaml</c>, <c>*.yml</c>.</summary>
    public Func<string, bool>? Include { get; init; }

    /// <summary>Extra checks on the parsed keys (e.g. bind and validate an options class); return the problems, empty when valid.
    /// A non-empty answer refuses the update and keeps the previous keys.</summary>
    public Func<IConfiguration, IReadOnlyList<string>>? Validate { get; init; }

    /// <summary>Where warnings about refused updates go; configuration is built before the host's logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider? Time { get; init; }

    /// <summary>Called each time a provider opens the directory (configuration may rebuild its providers), to subscribe
    /// to <see cref="MountedConfig{T}.Changed"/> or read the hash.</summary>
    public Action<MountedConfig<ImmutableDictionary<string, string?>>>? Opened { get; init; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new MountedConfigurationProvider(this);

    internal LoadResult<ImmutableDictionary<string, string?>> Load(Mounts.MountSnapshot snapshot)
    {
        ImmutableDictionary<string, string?> keys;
        try
        {
            keys = ConfigurationDocuments.Flatten(snapshot, PrefixWithFileName, Include);
        }
        catch (FormatException ex)
        {
            var file = ex.Message.Split(':', 2)[0];
            return LoadResult.Refuse<ImmutableDictionary<string, string?>>(ex.Message, snapshot.Files.ContainsKey(file) ? file : null);
        }
        if (Validate is not null)
        {
            var view = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
            var problems = Validate(view);
            if (problems.Count > 0) return LoadResult.Refuse<ImmutableDictionary<string, string?>>(string.Join("; ", problems));
        }
        return LoadResult.Ok(keys);
    }
}

/// <summary>Serves the keys of the last good snapshot; reloads only through <see cref="MountedConfig{T}.Changed"/>.
/// <see cref="Mounted"/> exposes the hash, staleness and events of the watched directory.</summary>
public sealed class MountedConfigurationProvider(MountedConfigurationSource source) : ConfigurationProvider, IDisposable
{
    private MountedConfig<ImmutableDictionary<string, string?>>? _mounted;

    public MountedConfig<ImmutableDictionary<string, string?>>? Mounted => _mounted;

    public override void Load()
    {
        if (_mounted is null)
        {
            var logger = source.LoggerFactory?.CreateLogger("GitOps.HotReload.MountedConfiguration");
            _mounted = MountedConfig.Open<ImmutableDictionary<string, string?>>(source.Watch, source.Load, logger, source.Time);
            _mounted.Changed += loaded =>
            {
                Data = new Dictionary<string, string?>(loaded.Value, StringComparer.OrdinalIgnoreCase);
                OnReload();
            };
            source.Opened?.Invoke(_mounted);
        }
        Data = new Dictionary<string, string?>(_mounted.Current.Value, StringComparer.OrdinalIgnoreCase);
    }

    public override string ToString() => $"{nameof(MountedConfigurationProvider)} for {source.Watch.Path} ({_mounted?.Current.ShortHash ?? "not loaded"})";

    public void Dispose() => _mounted?.Dispose();
}
