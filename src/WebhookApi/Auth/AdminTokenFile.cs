using System.Security.Cryptography;
using System.Text;

namespace GitOps.WebhookApi.Auth;

/// <summary>The embedded default's admin token: created once with mode 0600 in the data directory, reused on later starts.</summary>
internal static class AdminTokenFile
{
    public const string FileName = "admin.token";

    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                RestrictToOwner(path);
                return existing;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var token = "gto_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        // Created 0600 from the start, so the token is never readable by others even for a moment.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(token + "\n"));
        }
        RestrictToOwner(path);
        return token;
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
