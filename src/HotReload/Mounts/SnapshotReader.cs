namespace GitOps.HotReload.Mounts;

/// <summary>Reads a <see cref="MountSnapshot"/>: resolves <c>..data</c> once and reads every key from that one
/// timestamped directory, so a swap in the middle of a read can never mix two versions.</summary>
/// <remarks>Keys are read from the resolved data directory, not through the per-key symlinks (which follow <c>..data</c>
/// at open time and could land in the next version). If kubelet removes the directory mid-read (it deletes the old one
/// right after the swap), or the link moved while reading, the read starts again from the new target.</remarks>
internal sealed class SnapshotReader(string directory, string? singleKey)
{
    private const int Attempts = 10;

    public string Directory { get; } = directory;

    /// <summary>Where <c>..data</c> points now (null for a plain folder); cheap, used by the fingerprint check.</summary>
    public string? DataTarget() => MountLayout.ReadDataTarget(Directory);

    public MountSnapshot Read()
    {
        for (var attempt = 1; ; attempt++)
        {
            var target = MountLayout.ReadDataTarget(Directory);
            try
            {
                var files = ReadAll(MountLayout.DataDirectory(Directory, target));
                // A plain folder has nothing to re-check; a kubelet mount must still point where it did when we began.
                if (target is null || target == MountLayout.ReadDataTarget(Directory))
                    return new MountSnapshot(Directory, target, files, MountSnapshot.HashOf(files));
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException && attempt < Attempts)
            {
                // The version we were reading was swapped out and removed: read the new one.
            }
            if (attempt >= Attempts) throw new IOException($"{Directory}: the data directory kept changing during {Attempts} reads");
            Thread.Sleep(attempt);
        }
    }

    private ImmutableSortedDictionary<string, ReadOnlyMemory<byte>> ReadAll(string dataDirectory)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        if (singleKey is not null)
        {
            builder[singleKey] = File.ReadAllBytes(Path.Combine(dataDirectory, singleKey));
            return builder.ToImmutable();
        }
        foreach (var key in MountLayout.Keys(dataDirectory))
        {
            try
            {
                builder[key] = File.ReadAllBytes(Path.Combine(dataDirectory, key));
            }
            catch (FileNotFoundException) when (MountLayout.ReadDataTarget(Directory) is null)
            {
                // Plain folder: an editor's rename removed this name between listing and reading; the watcher fires again.
            }
        }
        return builder.ToImmutable();
    }
}
