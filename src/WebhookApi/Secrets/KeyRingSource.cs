using GitOps.Reconciler.Secrets;

namespace GitOps.WebhookApi.Secrets;

/// <summary>Loads the key ring at start-up: <c>GitOps:Secrets:KeyRing</c>, else the file at <c>GitOps:Secrets:KeyRingPath</c>,
/// else the embedded default's <c>{Repository:Path}/secrets.keyring</c>, generated (mode 0600) on first start beside admin.token.
/// A configured ring that cannot be read fails start-up with a message naming the option (never the key material).</summary>
internal static partial class KeyRingSource
{
    public const string DefaultFileName = "secrets.keyring";
    public const string FirstKeyId = "k1";

    public static KeyRing Load(SecretsOptions options, RepositoryOptions repository, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyRing))
            return Parse(options.KeyRing, $"{SecretsOptions.SectionName}:KeyRing");
        if (!string.IsNullOrWhiteSpace(options.KeyRingPath))
        {
            if (!File.Exists(options.KeyRingPath))
                throw new InvalidOperationException($"{SecretsOptions.SectionName}:KeyRingPath: the key ring file '{options.KeyRingPath}' does not exist");
            return Parse(File.ReadAllText(options.KeyRingPath), $"{SecretsOptions.SectionName}:KeyRingPath ({options.KeyRingPath})");
        }
        var path = Path.Combine(Path.GetFullPath(repository.Path), DefaultFileName);
        Reconciler.Git.RepositoryLayout.For(repository).ExcludeFromWorkTree(DefaultFileName); // a working clone must never commit it
        if (File.Exists(path)) return Parse(File.ReadAllText(path), path);
        var ring = new KeyRing([SecretKey.Generate(FirstKeyId)]);
        Write(path, ring);
        LogGenerated(logger, path, FirstKeyId);
        return ring;
    }

    private static KeyRing Parse(string text, string origin) => KeyRing.Parse(text, origin) switch
    {
        KeyRingParse.Parsed parsed => parsed.Ring,
        KeyRingParse.Failed failed => throw new InvalidOperationException(failed.Message),
        _ => throw new InvalidOperationException("unexpected key ring parse outcome"),
    };

    private static void Write(string path, KeyRing ring)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // Created 0600 from the start, as admin.token: the master key is never readable by others even for a moment.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(ring.Format()));
        stream.Flush(flushToDisk: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated the secrets key ring {Path} with key {KeyId}; back it up: without it, secret values in the repository cannot be decrypted")]
    private static partial void LogGenerated(ILogger logger, string path, string keyId);
}
