using System.Collections.Frozen;
using System.Security.Cryptography;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git;

/// <summary>The persisted index of plugin folders that passed every content check: plugin name, git tree id and the
/// folder's content hash, saved in the git directory so that a restart re-checks only the folders that changed since.</summary>
/// <remarks>
/// <para>Never trusted blindly. The file carries a checksum over its text and a fingerprint of what validation depends on
/// (the YAML limits, the known source types, the build of this assembly); a missing, torn, corrupted or foreign file is
/// discarded whole, and every folder is checked as if there were none. An entry only vouches for the exact bytes it was
/// written for: the reader still reads every file from git, parses sources.yaml and recomputes the folder's hash, and uses
/// the entry only when that hash is the recorded one (see <see cref="TreeSnapshotReader"/>); anything else falls back to
/// the full checks.</para>
/// <para>Written after a reload that changed the served snapshot (start-up) and on shutdown, atomically (temporary file
/// and rename); a failure to write it is logged and otherwise ignored: it is a cache.</para>
/// </remarks>
internal sealed partial class SnapshotIndex(string path, string fingerprint, ILogger logger)
{
    public const string FileName = "gitops-snapshot-index";
    private const string Magic = "gitops-snapshot-index v1";
    private const string ChecksumPrefix = "checksum ";

    private readonly Lock _gate = new();
    private volatile FrozenDictionary<(string Name, string TreeId), string> _entries = FrozenDictionary<(string, string), string>.Empty;
    private string? _savedTree;
    private int _hits;
    private int _misses;

    public string Path => path;

    /// <summary>Entries loaded from disk (0 when the file was missing or discarded).</summary>
    public int Count => _entries.Count;

    /// <summary>Why the file on disk was discarded at <see cref="Load"/>; null when it was used or missing.</summary>
    public string? DiscardReason { get; private set; }

    /// <summary>Folders the index vouched for / could not vouch for since <see cref="Load"/>.</summary>
    public int Hits => _hits;

    public int Misses => _misses;

    /// <summary>The index of a repository: <c>{git directory}/gitops-snapshot-index</c>, fingerprinted for this builder.</summary>
    public static SnapshotIndex For(string gitDirectory, SnapshotBuilder builder, ILogger logger) =>
        new(System.IO.Path.Combine(gitDirectory, FileName), Fingerprint(builder), logger);

    /// <summary>What validation depends on besides the files themselves.</summary>
    public static string Fingerprint(SnapshotBuilder builder)
    {
        var text = string.Join('\n', Magic, builder.Limits.ToString(), string.Join(',', builder.KnownTypes.Order(StringComparer.Ordinal)),
            typeof(SnapshotBuilder).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Reads the file; anything wrong with it discards it whole (<see cref="DiscardReason"/>).</summary>
    public void Load()
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return;
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Discard($"it cannot be read: {ex.Message}");
            return;
        }
        if (Parse(bytes, fingerprint) is { } problem) Discard(problem);
    }

    /// <summary>The content hash recorded for a folder, when the index has one for this name and tree id.</summary>
    public string? HashOf(string name, string treeId) => _entries.GetValueOrDefault((name, treeId));

    /// <summary>Counts whether a folder's check was skipped (the recorded hash matched) or run in full.</summary>
    public void Record(bool vouched)
    {
        if (vouched) Interlocked.Increment(ref _hits);
        else Interlocked.Increment(ref _misses);
    }

    /// <summary>Writes the plugins of <paramref name="snapshot"/> (every one passed the checks) as the new index, unless it
    /// was written for this tree already.</summary>
    public void Save(ConfigSnapshot snapshot)
    {
        lock (_gate)
        {
            if (snapshot.TreeId.Length == 0 || snapshot.TreeId == _savedTree) return;
            var text = new StringBuilder().Append(Magic).Append('\n').Append("fingerprint ").Append(fingerprint).Append('\n');
            foreach (var plugin in snapshot.Plugins.Values.Where(p => p.TreeId.Length > 0))
                text.Append(plugin.Name).Append(' ').Append(plugin.TreeId).Append(' ').Append(plugin.Hash).Append('\n');
            var body = Encoding.UTF8.GetBytes(text.ToString());
            var checksum = Encoding.UTF8.GetBytes($"{ChecksumPrefix}{Convert.ToHexStringLower(SHA256.HashData(body))}\n");
            var temporary = $"{path}.{Environment.ProcessId}.tmp"; // two processes on one data directory never share it
            try
            {
                using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    stream.Write(body);
                    stream.Write(checksum);
                }
                File.Move(temporary, path, overwrite: true);
                _savedTree = snapshot.TreeId;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogNotSaved(path, ex.Message);
            }
        }
    }

    /// <summary>Parses the file's bytes; returns why they cannot be used, or null after loading the entries.</summary>
    private string? Parse(byte[] bytes, string expectedFingerprint)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var last = text.TrimEnd('\n').LastIndexOf('\n');
        if (last < 0 || !text.EndsWith('\n')) return "it is truncated";
        var checksumLine = text[(last + 1)..].TrimEnd('\n');
        var body = bytes.AsSpan(0, Encoding.UTF8.GetByteCount(text.AsSpan(0, last + 1)));
        if (!checksumLine.StartsWith(ChecksumPrefix, StringComparison.Ordinal)
            || checksumLine[ChecksumPrefix.Length..] != Convert.ToHexStringLower(SHA256.HashData(body)))
            return "its checksum does not match its content";
        var lines = text[..last].Split('\n');
        if (lines.Length < 2 || lines[0] != Magic) return "it is not a snapshot index of this format";
        if (lines[1] != "fingerprint " + expectedFingerprint) return "it was written by another build or with other validation settings";
        var entries = new Dictionary<(string, string), string>();
        foreach (var line in lines.Skip(2))
        {
            var fields = line.Split(' ');
            if (fields.Length != 3 || !PluginName.IsValid(fields[0]) || !IsHex(fields[1]) || fields[2].Length != 64 || !IsHex(fields[2]))
                return $"the entry '{line}' is malformed";
            entries[(fields[0], fields[1])] = fields[2];
        }
        _entries = entries.ToFrozenDictionary();
        return null;
    }

    private static bool IsHex(string value) => value.Length is 40 or 64 && value.All(char.IsAsciiHexDigitLower);

    private void Discard(string reason)
    {
        DiscardReason = reason;
        _entries = FrozenDictionary<(string, string), string>.Empty;
        LogDiscarded(path, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot index {Path} discarded because {Reason}; every plugin folder is checked in full")]
    private partial void LogDiscarded(string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot index {Path} could not be written: {Problem}; the next start checks every changed folder in full")]
    private partial void LogNotSaved(string path, string problem);
}
