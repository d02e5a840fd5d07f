using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace GitOps.Reconciler.Signing;

/// <summary>The allowed OpenPGP public keys (armoured or binary key blocks) and the check of a <c>gpgsig</c> signature
/// against them, with gpg's rules for what <c>git verify-commit</c> accepts: a good signature by a known key that is
/// neither revoked nor expired now (gpg's EXPKEYSIG and REVKEYSIG fail too).</summary>
public sealed class OpenPgpKeys
{
    public const string Begin = "-----BEGIN PGP SIGNATURE-----";
    private readonly PgpPublicKeyRingBundle _bundle;

    private OpenPgpKeys(PgpPublicKeyRingBundle bundle) => _bundle = bundle;

    public static OpenPgpKeys Empty { get; } = new(new PgpPublicKeyRingBundle(Array.Empty<PgpPublicKeyRing>()));

    public int Count => _bundle.Count;

    /// <summary>Reads key blocks; one that cannot be read fails start-up naming <paramref name="origin"/>.</summary>
    public static OpenPgpKeys Parse(IEnumerable<(string Text, string Origin)> blocks)
    {
        var rings = new List<PgpPublicKeyRing>();
        foreach (var (text, origin) in blocks)
        {
            try
            {
                using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.UTF8.GetBytes(text)));
                var bundle = new PgpPublicKeyRingBundle(input);
                if (bundle.Count == 0) throw new FormatException("no public key in it");
                rings.AddRange(bundle.GetKeyRings());
            }
            catch (Exception ex) when (ex is IOException or PgpException or FormatException or ArgumentException)
            {
                throw new FormatException($"{origin}: not an OpenPGP public key block ({ex.Message})", ex);
            }
        }
        return new OpenPgpKeys(new PgpPublicKeyRingBundle(rings));
    }

    /// <summary>Checks an armoured signature over <paramref name="payload"/> at time <paramref name="now"/>.</summary>
    public SignatureCheck Verify(string armoured, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        PgpSignature signature;
        try
        {
            signature = ReadSignature(armoured);
        }
        catch (Exception ex) when (ex is IOException or PgpException or FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return Rejected(FailureKind.Malformed, $"malformed OpenPGP signature: {ex.Message}", null);
        }
        var keyId = signature.KeyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
        var ring = _bundle.GetPublicKeyRing(signature.KeyId);
        if (ring is null) return Rejected(FailureKind.NotAllowed, $"OpenPGP key {keyId} is not an allowed signer", keyId);
        var key = ring.GetPublicKey(signature.KeyId);
        var primary = ring.GetPublicKey();
        var principal = Principal(primary);
        try
        {
            signature.InitVerify(key);
            signature.Update(payload.ToArray());
            if (!signature.Verify()) return Rejected(FailureKind.BadSignature, "signature does not match the commit", keyId, principal);
        }
        catch (Exception ex) when (ex is PgpException or InvalidOperationException or ArgumentException)
        {
            return Rejected(FailureKind.Malformed, $"OpenPGP signature cannot be checked: {ex.Message}", keyId, principal);
        }
        if (primary.HasRevocation() || (key != primary && key.HasRevocation()))
            return Rejected(FailureKind.Revoked, $"OpenPGP key {keyId} is revoked", keyId, principal);
        if (Expired(primary, now) || Expired(key, now))
            return Rejected(FailureKind.Expired, $"OpenPGP key {keyId} has expired", keyId, principal);
        return new SignatureCheck.Verified(SignatureFormat.OpenPgp, keyId, principal);
    }

    /// <summary>The emails of the key's user ids (the part in angle brackets, else the whole id).</summary>
    public static ImmutableArray<string> Emails(PgpPublicKey primary) =>
        [.. primary.GetUserIds().Select(id => id is { } text && text.IndexOf('<') is var lt and >= 0 && text.IndexOf('>', lt) is var gt and > 0 ? text[(lt + 1)..gt] : id)];

    /// <summary>The emails of the key that made a signature with <paramref name="keyId"/>.</summary>
    public ImmutableArray<string> EmailsOf(string keyId)
    {
        var id = long.Parse(keyId, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return _bundle.GetPublicKeyRing(id) is { } ring ? Emails(ring.GetPublicKey()) : [];
    }

    private static string Principal(PgpPublicKey primary) => Emails(primary).FirstOrDefault() ?? "";

    private static bool Expired(PgpPublicKey key, DateTimeOffset now)
    {
        var seconds = key.GetValidSeconds();
        return seconds > 0 && new DateTimeOffset(key.CreationTime, TimeSpan.Zero).AddSeconds(seconds) <= now;
    }

    private static PgpSignature ReadSignature(string armoured)
    {
        var text = armoured.Trim();
        if (text.IndexOf("-----END PGP SIGNATURE-----", StringComparison.Ordinal) < 0) throw new FormatException("truncated armour: no END line");
        using var input = new ArmoredInputStream(new MemoryStream(Encoding.ASCII.GetBytes(text + "\n")));
        var factory = new PgpObjectFactory(input);
        var first = factory.NextPgpObject();
        if (first is PgpCompressedData compressed) first = new PgpObjectFactory(compressed.GetDataStream()).NextPgpObject();
        if (first is not PgpSignatureList list || list.Count == 0) throw new FormatException("no signature packet");
        if (list.Count > 1 || factory.NextPgpObject() is not null) throw new FormatException("more than one signature");
        return list[0];
    }

    private static SignatureCheck.Rejected Rejected(FailureKind kind, string reason, string? keyId, string? principal = null) =>
        new(kind, reason, SignatureFormat.OpenPgp, keyId, principal);
}
