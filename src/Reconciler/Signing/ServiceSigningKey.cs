using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Utilities;
using Org.BouncyCastle.Security;

namespace GitOps.Reconciler.Signing;

/// <summary>The service's own SSH Ed25519 key: it signs every commit the service writes, so <c>All</c> mode holds with the
/// service in the loop. Read from an OpenSSH private key file (unencrypted), or created there with mode 0600 when missing.</summary>
public sealed class ServiceSigningKey
{
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private readonly Ed25519PrivateKeyParameters _key;

    private ServiceSigningKey(Ed25519PrivateKeyParameters key, string principal)
    {
        _key = key;
        Principal = principal;
        PublicKeyBlob = OpenSshPublicKeyUtilities.EncodePublicKey(key.GeneratePublicKey());
    }

    public string Principal { get; }

    public byte[] PublicKeyBlob { get; }

    public string KeyId => SshSignature.Fingerprint(PublicKeyBlob);

    /// <summary>The public key as one <c>ssh-ed25519 AAAA…</c> line.</summary>
    public string PublicKey => "ssh-ed25519 " + Convert.ToBase64String(PublicKeyBlob);

    /// <summary>The line to add to an allowed-signers file (e.g. for <c>git verify-commit</c>).</summary>
    public string AllowedSignersLine => $"{Principal} namespaces=\"git\" {PublicKey}";

    /// <summary>This key as an allowed signer of its own commits.</summary>
    public AllowedSigner AsAllowedSigner() => new([Principal], PublicKeyBlob, ["git"], null, null);

    /// <summary>The armoured SSHSIG signature git stores in the commit's <c>gpgsig</c> header.</summary>
    public string Sign(string commitBuffer) => SshSignature.SignEd25519(_key, Encoding.UTF8.GetBytes(commitBuffer));

    /// <summary>Reads the key at <paramref name="path"/>, or creates one there (0600) and its <c>.pub</c>. Created: true when new.</summary>
    public static (ServiceSigningKey Key, bool Created) LoadOrCreate(string path, string principal)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path)) return (Read(path, principal), false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        var base64 = Convert.ToBase64String(OpenSshPrivateKeyUtilities.EncodePrivateKey(key));
        var text = new StringBuilder(Begin).Append('\n');
        for (var i = 0; i < base64.Length; i += 70) text.Append(base64.AsSpan(i, Math.Min(70, base64.Length - i))).Append('\n');
        text.Append(End).Append('\n');
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // 0600 from the start, so the private key is never readable by others even for a moment.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(text.ToString()));
        }
        catch (IOException) when (File.Exists(path))
        {
            return (Read(path, principal), false); // another replica sharing the data directory created it first
        }
        var signing = new ServiceSigningKey(key, principal);
        File.WriteAllText(path + ".pub", $"{signing.PublicKey} {principal}\n");
        return (signing, true);
    }

    private static ServiceSigningKey Read(string path, string principal)
    {
        var text = File.ReadAllText(path).Trim();
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
            throw new FormatException($"{VerificationOptions.SectionName}:SigningKeyFile {path} is not an OpenSSH private key");
        try
        {
            var blob = Convert.FromBase64String(text[(start + Begin.Length)..end].Replace("\n", "").Replace("\r", ""));
            if (OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(blob) is Ed25519PrivateKeyParameters ed) return new ServiceSigningKey(ed, principal);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            throw new FormatException($"{VerificationOptions.SectionName}:SigningKeyFile {path} cannot be read (an unencrypted OpenSSH key is needed): {ex.Message}", ex);
        }
        throw new FormatException($"{VerificationOptions.SectionName}:SigningKeyFile {path} is not an Ed25519 key");
    }
}
