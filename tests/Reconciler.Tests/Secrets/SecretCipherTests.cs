using System.Text;
using GitOps.Reconciler.Secrets;
using GitOps.TestSupport.Secrets;

namespace GitOps.Reconciler.Tests.Secrets;

public sealed class SecretCipherTests
{
    private static readonly KeyRing Ring = new([SecretKey.Generate("k1"), SecretKey.Generate("k2")]);

    [Fact]
    public void Encrypt_WritesAnEnvelopeUnderTheNewestKey_ThatDecryptsBack()
    {
        var cipher = new SecretCipher(Ring);

        var stored = cipher.Encrypt("models", "token", "s3cr3t-välue");

        Assert.StartsWith("ENC[AES256_GCM,data:", stored, StringComparison.Ordinal);
        Assert.EndsWith(",type:str,kid:k2]", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", stored, StringComparison.Ordinal);
        var decrypted = Assert.IsType<SecretDecryption.Decrypted>(cipher.Decrypt("models", "token", stored));
        Assert.Equal("s3cr3t-välue", decrypted.Value);
        Assert.Equal("k2", decrypted.KeyId);
    }

    [Fact]
    public void Decrypt_CiphertextMovedToAnotherFieldOrPlugin_FailsTheTag()
    {
        var cipher = new SecretCipher(Ring);
        var stored = cipher.Encrypt("models", "token", "value");

        var otherField = Assert.IsType<SecretDecryption.Failed>(cipher.Decrypt("models", "password", stored));
        var otherPlugin = Assert.IsType<SecretDecryption.Failed>(cipher.Decrypt("datasources", "token", stored));

        Assert.Equal("k2", otherField.KeyId);
        Assert.Contains("tag does not verify", otherField.Reason, StringComparison.Ordinal);
        Assert.Contains("tag does not verify", otherPlugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_OlderKeyStillReads_AndAMissingKeyIdFailsNamingIt()
    {
        var old = new SecretCipher(new KeyRing([Ring.Keys[0]]));
        var stored = old.Encrypt("models", "token", "value");
        var withoutK1 = new SecretCipher(new KeyRing([Ring.Keys[1]]));

        Assert.Equal("value", Assert.IsType<SecretDecryption.Decrypted>(new SecretCipher(Ring).Decrypt("models", "token", stored)).Value);
        var failed = Assert.IsType<SecretDecryption.Failed>(withoutK1.Decrypt("models", "token", stored));
        Assert.Equal("k1", failed.KeyId);
        Assert.Contains("key id 'k1' is not in the key ring", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_AlteredEnvelope_Fails()
    {
        var cipher = new SecretCipher(Ring);
        var stored = cipher.Encrypt("models", "token", "value");
        Assert.True(SecretEnvelope.TryParse(stored, out var envelope, out _));
        envelope!.Data[0] ^= 1;

        Assert.IsType<SecretDecryption.Failed>(cipher.Decrypt("models", "token", envelope.ToString()));
        Assert.IsType<SecretDecryption.Failed>(cipher.Decrypt("models", "token", "ENC[AES256_GCM,data:AA==,kid:k1]"));
    }

    [Fact]
    public void Decrypt_ValueFromRealAgeToThePublishedRecipient_GivesThePlaintext()
    {
        var cipher = new SecretCipher(Ring);
        var armored = Encoding.ASCII.GetString(AgeCli.Encrypt("from-a-contributor"u8.ToArray(), cipher.Recipient.ToString(), armor: true));

        var decrypted = Assert.IsType<SecretDecryption.Decrypted>(cipher.Decrypt("models", "token", armored));

        Assert.Equal("from-a-contributor", decrypted.Value);
        Assert.Equal("k2", decrypted.KeyId);
        Assert.True(decrypted.FromAge);
        Assert.DoesNotContain("from-a-contributor", decrypted.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_AgeValueToAnOlderKeysRecipient_StillDecrypts()
    {
        var olderRecipient = new SecretCipher(new KeyRing([Ring.Keys[0]])).Recipient;
        var armored = SecretCipher.EncryptForRecipient(olderRecipient, "v");

        var decrypted = Assert.IsType<SecretDecryption.Decrypted>(new SecretCipher(Ring).Decrypt("p", "n", armored));

        Assert.Equal("k1", decrypted.KeyId);
        Assert.IsType<SecretDecryption.Failed>(new SecretCipher(new KeyRing([SecretKey.Generate("k9")])).Decrypt("p", "n", armored));
    }

    [Fact]
    public void KeyRing_ParsesItsOwnFormat_AndNamesBadEntriesWithoutTheirContent()
    {
        var text = Ring.Format();

        var parsed = Assert.IsType<KeyRingParse.Parsed>(KeyRing.Parse(text, "ring"));
        var bad = Assert.IsType<KeyRingParse.Failed>(KeyRing.Parse("k1 bm90LTMyLWJ5dGVz", "GitOps:Secrets:KeyRing"));

        Assert.Equal(["k1", "k2"], parsed.Ring.Keys.Select(k => k.Id));
        Assert.Equal("k2", parsed.Ring.Newest.Id);
        Assert.Contains("GitOps:Secrets:KeyRing: entry 1", bad.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bm90LTMyLWJ5dGVz", bad.Message, StringComparison.Ordinal);
    }
}
