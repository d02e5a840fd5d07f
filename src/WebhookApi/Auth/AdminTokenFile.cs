using System.Security.Cryptography;
using GitOps.HotReload.Files;

namespace GitOps.WebhookApi.Auth;

/// <summary>The embedded default's admin token in <c>{Repository:Path}/admin.token</c> (DESIGN §7): created once, reused
/// on later starts; the CLI reads the same file.</summary>
/// <remarks>Kept through <see cref="FileStore{T}"/>: written atomically with mode 0600, a wider mode found on start-up is
/// a warning and tightened. The format stays the contract the CLI reads: the token and a newline, no version field.</remarks>
internal static class AdminTokenFile
{
    public const string FileName = "admin.token";

    public static string ReadOrCreate(string path, ILogger logger) =>
        new FileStore<string>(path, new TextFileFormat(NewToken), logger).Load();

    private static string NewToken() => "gto_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
