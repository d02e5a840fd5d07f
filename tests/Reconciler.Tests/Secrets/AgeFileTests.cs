using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Secrets.Age;
using GitOps.TestSupport.Secrets;

namespace GitOps.Reconciler.Tests.Secrets;

/// <summary>The age implementation against the real age binary, both ways, armored and binary, across chunk boundaries.</summary>
public sealed class AgeFileTests
{
    public static TheoryData<int> Sizes => [0, 1, 100, 64 * 1024, 64 * 1024 + 1, 3 * 64 * 1024 + 7];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Decrypt_FileFromRealAge_GivesThePlaintext(int size)
    {
        var (identityText, recipientText) = AgeCli.KeyGen();
        var identity = AgeIdentity.TryParse(identityText)!;
        Assert.Equal(recipientText, identity.Recipient.ToString());
        var plaintext = RandomNumberGenerator.GetBytes(size);

        var binary = AgeCli.Encrypt(plaintext, recipientText, armor: false);
        var armored = Encoding.ASCII.GetString(AgeCli.Encrypt(plaintext, recipientText, armor: true));

        Assert.Equal(plaintext, Assert.IsType<AgeDecryption.Decrypted>(AgeFile.Decrypt(binary, [identity])).Plaintext);
        Assert.Equal(plaintext, Assert.IsType<AgeDecryption.Decrypted>(AgeFile.Decrypt(AgeArmor.Decode(armored)!, [identity])).Plaintext);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Encrypt_FileForRealAge_DecryptsWithAgeCli(int size)
    {
        var identity = AgeIdentity.Generate();
        var plaintext = RandomNumberGenerator.GetBytes(size);

        var binary = AgeFile.Encrypt(plaintext, identity.Recipient);
        var armored = Encoding.ASCII.GetBytes(AgeArmor.Encode(AgeFile.Encrypt(plaintext, identity.Recipient)));

        Assert.Equal(plaintext, AgeCli.Decrypt(binary, identity.Export()));
        Assert.Equal(plaintext, AgeCli.Decrypt(armored, identity.Export()));
    }

    [Fact]
    public void Decrypt_WithAnotherIdentity_FindsNoIdentity()
    {
        var file = AgeFile.Encrypt("x"u8, AgeIdentity.Generate().Recipient);

        Assert.IsType<AgeDecryption.NoIdentity>(AgeFile.Decrypt(file, [AgeIdentity.Generate()]));
    }

    [Fact]
    public void Decrypt_TamperedPayloadOrHeader_IsMalformed()
    {
        var identity = AgeIdentity.Generate();
        var file = AgeFile.Encrypt("the value"u8, identity.Recipient);
        var payload = (byte[])file.Clone();
        payload[^3] ^= 1;
        var mac = Encoding.ASCII.GetString(file).IndexOf("--- ", StringComparison.Ordinal);
        var badMac = (byte[])file.Clone();
        badMac[mac + 5] = badMac[mac + 5] == (byte)'A' ? (byte)'B' : (byte)'A';

        Assert.IsType<AgeDecryption.Malformed>(AgeFile.Decrypt(payload, [identity]));
        Assert.IsType<AgeDecryption.Malformed>(AgeFile.Decrypt(badMac, [identity]));
        Assert.IsType<AgeDecryption.Malformed>(AgeFile.Decrypt(file.AsSpan(0, file.Length - 1), [identity]));
    }

    [Fact]
    public void Keys_RoundTripThroughTheirTextForms()
    {
        var identity = AgeIdentity.Generate();

        var exported = identity.Export();

        Assert.StartsWith("AGE-SECRET-KEY-1", exported, StringComparison.Ordinal);
        Assert.Equal(identity.Recipient.ToString(), AgeIdentity.TryParse(exported)!.Recipient.ToString());
        Assert.Equal(identity.Recipient.PublicKey, AgeRecipient.TryParse(identity.Recipient.ToString())!.PublicKey);
        var text = identity.Recipient.ToString();
        Assert.Null(AgeRecipient.TryParse(text[..^1] + (text[^1] == 'q' ? 'p' : 'q')));
    }
}
