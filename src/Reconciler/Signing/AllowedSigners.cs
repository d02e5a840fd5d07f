using System.Globalization;

namespace GitOps.Reconciler.Signing;

/// <summary>One line of an allowed-signers file (ssh-keygen(1) ALLOWED SIGNERS, git's <c>gpg.ssh.allowedSignersFile</c>):
/// principal patterns, options (<c>namespaces</c>, <c>valid-after</c>, <c>valid-before</c>), a public key.</summary>
public sealed record AllowedSigner(
    ImmutableArray<string> Principals,
    byte[] KeyBlob,
    ImmutableArray<string> Namespaces,
    DateTimeOffset? ValidAfter,
    DateTimeOffset? ValidBefore)
{
    public string KeyId => SshSignature.Fingerprint(KeyBlob);

    /// <summary>Whether this line allows <paramref name="keyBlob"/> to sign in namespace <c>git</c> at <paramref name="when"/>
    /// (git passes the committer time as ssh-keygen's verify-time).</summary>
    public bool Allows(ReadOnlySpan<byte> keyBlob, DateTimeOffset when) =>
        keyBlob.SequenceEqual(KeyBlob)
        && (Namespaces.IsEmpty || Namespaces.Any(n => Glob.Matches(n, "git")))
        && (ValidAfter is null || when >= ValidAfter)
        && (ValidBefore is null || when < ValidBefore);

    /// <summary>Whether <paramref name="identity"/> (e.g. a committer email) matches one of the principal patterns.</summary>
    public bool HasPrincipal(string identity) => Glob.MatchesList(Principals, identity);
}

/// <summary>Parses allowed-signers text. Lines it cannot read fail start-up with the origin and line number.</summary>
internal static class AllowedSigners
{
    private static readonly string[] KeyTypes =
        ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"];

    public static ImmutableArray<AllowedSigner> Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var signers = ImmutableArray.CreateBuilder<AllowedSigner>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            try
            {
                signers.Add(ParseLine(line));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{origin} line {i + 1}: {ex.Message}", ex);
            }
        }
        return signers.ToImmutable();
    }

    private static AllowedSigner ParseLine(string line)
    {
        var tokens = Tokens(line);
        if (tokens.Count < 3) throw new FormatException("expected: principals [options] key-type base64-key");
        var principals = Unquote(tokens[0]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var next = 1;
        var namespaces = ImmutableArray<string>.Empty;
        DateTimeOffset? after = null, before = null;
        if (!KeyTypes.Contains(tokens[1]))
        {
            foreach (var option in SplitOptions(tokens[1]))
            {
                var (name, value) = option.IndexOf('=') is var eq and > 0 ? (option[..eq].ToLowerInvariant(), Unquote(option[(eq + 1)..])) : (option.ToLowerInvariant(), "");
                switch (name)
                {
                    case "namespaces": namespaces = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                    case "valid-after": after = Time(value); break;
                    case "valid-before": before = Time(value); break;
                    case "cert-authority": throw new FormatException("cert-authority lines are not supported; list the signing keys themselves");
                    default: throw new FormatException($"unknown option '{name}'");
                }
            }
            next = 2;
        }
        if (tokens.Count < next + 2) throw new FormatException("missing key type or key");
        if (!KeyTypes.Contains(tokens[next])) throw new FormatException($"unsupported key type '{tokens[next]}'");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(tokens[next + 1]);
        }
        catch (FormatException)
        {
            throw new FormatException("the key is not valid base64");
        }
        var reader = new SshWireReader(blob);
        if (reader.Text() != tokens[next]) throw new FormatException($"the key is not of type {tokens[next]}");
        return new AllowedSigner([.. principals], blob, namespaces, after, before);
    }

    /// <summary>ssh-keygen's time spec: YYYYMMDD or YYYYMMDDHHMM[SS], with an optional Z (read as UTC either way).</summary>
    private static DateTimeOffset Time(string value)
    {
        var text = value.TrimEnd('Z', 'z');
        string[] formats = ["yyyyMMdd", "yyyyMMddHHmm", "yyyyMMddHHmmss"];
        if (!DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            throw new FormatException($"'{value}' is not a time (YYYYMMDD or YYYYMMDDHHMM[SS])");
        return time;
    }

    /// <summary>Whitespace-separated tokens; double quotes group (options such as <c>namespaces="git,file"</c>).</summary>
    private static List<string> Tokens(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            if (!quoted && char.IsWhiteSpace(c))
            {
                if (current.Length > 0) tokens.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (quoted) throw new FormatException("unterminated quote");
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    private static IEnumerable<string> SplitOptions(string options)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= options.Length; i++)
        {
            if (i < options.Length && options[i] == '"') quoted = !quoted;
            if (i == options.Length || (options[i] == ',' && !quoted))
            {
                if (i > start) yield return options[start..i];
                start = i + 1;
            }
        }
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
