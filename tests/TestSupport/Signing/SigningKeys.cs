using GitOps.TestSupport.Hosting;

namespace GitOps.TestSupport.Signing;

/// <summary>How a commit is signed with the real tools: git <c>-c</c> settings and environment.</summary>
public sealed record Signer(string Name, IReadOnlyList<string> GitConfig, IReadOnlyDictionary<string, string> Environment, string Email);

/// <summary>Real keys made with the real tools in a temporary directory: OpenPGP keys in a temporary GNUPGHOME
/// (<c>--batch --passphrase ''</c>; one expired, one to revoke, one only in an outsider's keyring) and SSH keys from
/// <c>ssh-keygen</c> (ed25519, rsa, ecdsa; one expired by <c>valid-before</c>, one revoked, one not listed), plus the
/// allowed-signers and revocation files git reads.</summary>
public sealed class SigningKeys : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-keys");
    private readonly Dictionary<string, Signer> _signers = new(StringComparer.Ordinal);
    private readonly List<string> _allowedLines = [];

    public SigningKeys(bool openPgp = true)
    {
        GnuPgHome = Dir("gnupg");
        OutsiderHome = Dir("gnupg-outsider");
        AllowedSignersFile = Path.Combine(_directory.Path, "allowed_signers");
        RevokedKeysFile = Path.Combine(_directory.Path, "revoked_keys");
        File.WriteAllText(RevokedKeysFile, "");

        AddSsh("ssh-ed25519", "ed25519", "models-team@example.test");
        AddSsh("ssh-rsa", "rsa", "rsa-user@example.test", "-b", "2048");
        AddSsh("ssh-ecdsa", "ecdsa", "ecdsa-user@example.test", "-b", "256");
        AddSsh("ssh-expired", "ed25519", "old-user@example.test", options: "valid-before=\"20200101\"");
        AddSsh("ssh-revoked", "ed25519", "revoked-user@example.test");
        AddSsh("ssh-unknown", "ed25519", "stranger@example.test", listed: false);
        AddSsh("ssh-datasources", "ed25519", "datasources-team@example.test");
        File.AppendAllText(RevokedKeysFile, File.ReadAllText(Path.Combine(_directory.Path, "ssh-revoked.pub")));
        WriteAllowedSigners();

        if (!openPgp) return;
        AddGpg("gpg-ed25519", GnuPgHome, "Alice <alice@example.test>", "ed25519", "never");
        AddGpg("gpg-rsa", GnuPgHome, "Robert <robert@example.test>", "rsa2048", "never");
        AddGpg("gpg-expired", GnuPgHome, "Old <old@example.test>", "ed25519", "2d", fakedTime: "20200101T000000");
        AddGpg("gpg-revoked", GnuPgHome, "Rev <rev@example.test>", "ed25519", "never");
        AddGpg("gpg-unknown", OutsiderHome, "Stranger <stranger@example.test>", "ed25519", "never");
    }

    public string GnuPgHome { get; }

    public string OutsiderHome { get; }

    public string AllowedSignersFile { get; }

    public string RevokedKeysFile { get; }

    public Signer this[string name] => _signers[name];

    /// <summary>Adds a line (e.g. the service's own key) to the allowed-signers file.</summary>
    public void Allow(string line)
    {
        _allowedLines.Add(line);
        WriteAllowedSigners();
    }

    /// <summary>Revokes the key <paramref name="name"/> by importing the revocation certificate gpg made with it.</summary>
    public void RevokeGpg(string name)
    {
        var fingerprint = Fingerprint(GnuPgHome, _signers[name].Email);
        var certificate = File.ReadAllText(Path.Combine(GnuPgHome, "openpgp-revocs.d", fingerprint + ".rev")).Replace(":-----BEGIN", "-----BEGIN");
        var file = Path.Combine(_directory.Path, $"{name}.rev");
        File.WriteAllText(file, certificate);
        Gpg(GnuPgHome, "--import", file);
    }

    /// <summary>The allowed keyring's public keys as armoured text (<c>gpg --export --armor</c>), revocations included.</summary>
    public string ExportPublicKeys() => Gpg(GnuPgHome, "--export", "--armor");

    /// <summary>The git <c>-c</c> settings <c>git verify-commit</c> needs for SSH signatures.</summary>
    public IReadOnlyList<string> VerifyConfig =>
        ["-c", $"gpg.ssh.allowedSignersFile={AllowedSignersFile}", "-c", $"gpg.ssh.revocationFile={RevokedKeysFile}"];

    public IReadOnlyDictionary<string, string> VerifyEnvironment => new Dictionary<string, string> { ["GNUPGHOME"] = GnuPgHome };

    public void Dispose()
    {
        foreach (var home in new[] { GnuPgHome, OutsiderHome })
            Tool.TryRun("gpgconf", ["--kill", "all"], environment: new Dictionary<string, string> { ["GNUPGHOME"] = home });
        _directory.Dispose();
    }

    private void AddSsh(string name, string type, string principal, string? bits = null, string? size = null, string? options = null, bool listed = true)
    {
        var key = Path.Combine(_directory.Path, name);
        var arguments = new List<string> { "-q", "-t", type, "-N", "", "-C", principal, "-f", key };
        if (bits is not null) arguments.AddRange([bits, size!]);
        Tool.Run("ssh-keygen", arguments);
        var publicKey = File.ReadAllText(key + ".pub").Trim();
        var parts = publicKey.Split(' ');
        if (listed) _allowedLines.Add($"{principal}{(options is null ? "" : " " + options)} {parts[0]} {parts[1]}");
        _signers[name] = new Signer(name, ["-c", "gpg.format=ssh", "-c", $"user.signingkey={key}"], new Dictionary<string, string>(), principal);
    }

    private void AddGpg(string name, string home, string uid, string algorithm, string expiry, string? fakedTime = null)
    {
        var prefix = fakedTime is null ? Array.Empty<string>() : ["--faked-system-time", fakedTime];
        Gpg(home, [.. prefix, "--passphrase", "", "--quick-gen-key", uid, algorithm, "sign", expiry]);
        var email = uid[(uid.IndexOf('<') + 1)..uid.IndexOf('>')];
        var program = "gpg";
        if (fakedTime is not null)
        {
            // Signs as of the faked time (the key was valid then); gpg itself reports the key expired afterwards.
            program = Path.Combine(_directory.Path, $"{name}-gpg.sh");
            File.WriteAllText(program, $"#!/bin/sh\nexec gpg --faked-system-time {fakedTime[..8]}T120000 \"$@\"\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _signers[name] = new Signer(name, ["-c", "gpg.format=openpgp", "-c", $"gpg.program={program}", "-c", $"user.signingkey={Fingerprint(home, email)}"],
            new Dictionary<string, string> { ["GNUPGHOME"] = home }, email);
    }

    private static string Fingerprint(string home, string email)
    {
        var listing = Gpg(home, "--with-colons", "--list-keys", email);
        var line = listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal));
        return line.Split(':')[9];
    }

    private static string Gpg(string home, params string[] arguments) =>
        Tool.Run("gpg", ["--batch", "--yes", "--no-tty", .. arguments], environment: new Dictionary<string, string> { ["GNUPGHOME"] = home });

    private string Dir(string name)
    {
        var path = Path.Combine(_directory.Path, name);
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private void WriteAllowedSigners() => File.WriteAllLines(AllowedSignersFile, _allowedLines);
}
