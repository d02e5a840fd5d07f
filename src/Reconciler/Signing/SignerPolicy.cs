namespace GitOps.Reconciler.Signing;

/// <summary>Who may sign what: allowed SSH signers, revoked SSH keys, allowed OpenPGP keys, per-path rules, whether the
/// committer must be the signer, and the service's own key. Built once at start-up from <see cref="VerificationOptions"/>.</summary>
public sealed record SignerPolicy(
    ImmutableArray<AllowedSigner> SshSigners,
    ImmutableArray<byte[]> RevokedSshKeys,
    OpenPgpKeys OpenPgp,
    ImmutableArray<PathSigners> Paths,
    bool RequireCommitterMatch,
    AllowedSigner? ServiceKey)
{
    /// <summary>Reads inline values and mounted files; a file or line that cannot be read fails start-up naming the option.</summary>
    public static SignerPolicy Load(VerificationOptions options, AllowedSigner? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ssh = ImmutableArray.CreateBuilder<AllowedSigner>();
        for (var i = 0; i < options.AllowedSigners.Count; i++)
            ssh.AddRange(AllowedSigners.Parse(options.AllowedSigners[i], $"{VerificationOptions.SectionName}:AllowedSigners:{i}"));
        if (!string.IsNullOrWhiteSpace(options.AllowedSignersFile))
            ssh.AddRange(AllowedSigners.Parse(Read(options.AllowedSignersFile, "AllowedSignersFile"), $"{VerificationOptions.SectionName}:AllowedSignersFile {options.AllowedSignersFile}"));

        var revoked = ImmutableArray.CreateBuilder<byte[]>();
        if (!string.IsNullOrWhiteSpace(options.RevokedKeysFile))
        {
            var lines = Read(options.RevokedKeysFile, "RevokedKeysFile").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in lines.Where(l => !l.StartsWith('#')))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                try
                {
                    revoked.Add(Convert.FromBase64String(parts.Length >= 2 ? parts[1] : ""));
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"{VerificationOptions.SectionName}:RevokedKeysFile: '{Shorten(line)}' is not a public key line", ex);
                }
            }
        }

        var blocks = new List<(string, string)>();
        for (var i = 0; i < options.OpenPgpKeys.Count; i++) blocks.AddRange(Blocks(options.OpenPgpKeys[i], $"{VerificationOptions.SectionName}:OpenPgpKeys:{i}"));
        if (!string.IsNullOrWhiteSpace(options.OpenPgpKeysFile))
            blocks.AddRange(Blocks(Read(options.OpenPgpKeysFile, "OpenPgpKeysFile"), $"{VerificationOptions.SectionName}:OpenPgpKeysFile {options.OpenPgpKeysFile}"));
        var pgp = blocks.Count == 0 ? OpenPgpKeys.Empty : OpenPgpKeys.Parse(blocks);

        foreach (var rule in options.Paths)
            if (string.IsNullOrWhiteSpace(rule.Pattern) || rule.Principals.Count == 0)
                throw new FormatException($"{VerificationOptions.SectionName}:Paths: every rule needs a Pattern and at least one principal");

        return new SignerPolicy(ssh.ToImmutable(), revoked.ToImmutable(), pgp, [.. options.Paths], options.RequireCommitterMatch,
            options.TrustServiceKey ? serviceKey : null);
    }

    /// <summary>The principal a key signs as (the first plain principal of its line), or null when no line allows it then.</summary>
    internal (AllowedSigner Line, string Principal)? FindSsh(ReadOnlySpan<byte> keyBlob, DateTimeOffset when)
    {
        if (ServiceKey is not null && ServiceKey.Allows(keyBlob, when)) return (ServiceKey, ServiceKey.Principals[0]);
        foreach (var line in SshSigners)
            if (line.Allows(keyBlob, when))
                return (line, line.Principals.FirstOrDefault(p => !p.StartsWith('!')) ?? "");
        return null;
    }

    internal bool IsRevoked(ReadOnlySpan<byte> keyBlob)
    {
        foreach (var key in RevokedSshKeys)
            if (keyBlob.SequenceEqual(key)) return true;
        return false;
    }

    /// <summary>Every armoured block of a text (a file may hold several exported keys).</summary>
    private static IEnumerable<(string, string)> Blocks(string text, string origin)
    {
        const string begin = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
        var starts = new List<int>();
        for (var at = text.IndexOf(begin, StringComparison.Ordinal); at >= 0; at = text.IndexOf(begin, at + 1, StringComparison.Ordinal)) starts.Add(at);
        if (starts.Count == 0)
        {
            yield return (text, origin);
            yield break;
        }
        for (var i = 0; i < starts.Count; i++)
            yield return (text[starts[i]..(i + 1 < starts.Count ? starts[i + 1] : text.Length)], $"{origin} (key block {i + 1})");
    }

    private static string Read(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{VerificationOptions.SectionName}:{option}: cannot read {path}: {ex.Message}", ex);
        }
    }

    private static string Shorten(string line) => line.Length > 40 ? line[..40] + "…" : line;
}
