using System.Text;
using GitOps.Reconciler.Signing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace GitOps.Reconciler.Tests.Signing;

/// <summary>The SSHSIG reader and checker on hostile input: every malformed signature is a reason, never an exception.</summary>
public sealed class SshSignatureTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <a@b> 0 +0000\n\nmessage\n");

    [Fact]
    public void SignAndVerify_RoundTrips_AndAnyOtherPayloadFails()
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        var (signature, error) = SshSignature.Parse(SshSignature.SignEd25519(key, Payload));

        Assert.Null(error);
        Assert.Null(signature!.Verify(Payload));
        Assert.Equal("signature does not match the commit", signature.Verify([.. Payload, (byte)'x']));
        Assert.StartsWith("SHA256:", signature.KeyId);
    }

    [Fact]
    public void CorruptedSignatures_NeverThrow_AndNeverVerify()
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        var armoured = SshSignature.SignEd25519(key, Payload);
        var blob = Convert.FromBase64String(armoured.Replace(SshSignature.Begin, "").Replace(SshSignature.End, "").Replace("\n", ""));
        var random = new Random(17);
        for (var i = 0; i < 500; i++)
        {
            var corrupt = (byte[])blob.Clone();
            if (i % 3 == 0) corrupt = corrupt[..random.Next(corrupt.Length)];
            else for (var n = 0; n < 1 + (i % 4); n++) corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            var text = $"{SshSignature.Begin}\n{Convert.ToBase64String(corrupt)}\n{SshSignature.End}\n";

            var (signature, error) = SshSignature.Parse(text);
            var verdict = signature is null ? error : signature.Verify(Payload);
            if (!corrupt.AsSpan().SequenceEqual(blob)) Assert.True(verdict is not null, $"corrupted signature {i} verified");
        }
    }

    [Theory]
    [InlineData("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n", "truncated SSH signature armour")]
    [InlineData("-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----", "not valid base64")]
    [InlineData("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----", "ends early")]
    [InlineData("-----BEGIN SSH SIGNATURE-----\nAAAAAAAAAAAA\n-----END SSH SIGNATURE-----", "does not start with SSHSIG")]
    public void MalformedArmour_GivesAClearReason(string text, string reason)
    {
        var (signature, error) = SshSignature.Parse(text);

        Assert.Null(signature);
        Assert.Contains(reason, error);
    }
}
