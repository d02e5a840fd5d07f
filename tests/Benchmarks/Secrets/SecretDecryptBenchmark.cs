using BenchmarkDotNet.Attributes;
using GitOps.Benchmarks.Git;
using GitOps.Reconciler.Secrets;

namespace GitOps.Benchmarks.Secrets;

/// <summary>B11: one decryption of a stored value. Goal: &lt;= 20 µs for an envelope. The age row is for information: a
/// contributor's value costs one X25519 agreement per key tried until <c>gitops secrets rotate</c> turns it into an envelope.</summary>
[MemoryDiagnoser]
[ShortInProcessJob(warmupCount: 3, iterationCount: 10)]
public class SecretDecryptBenchmark
{
    private readonly SecretCipher _cipher = new(new KeyRing([SecretKey.Generate("k1"), SecretKey.Generate("k2")]));
    private string _envelope = null!;
    private string _age = null!;

    [GlobalSetup]
    public void Setup()
    {
        _envelope = _cipher.Encrypt("models", "token", "a-typical-bearer-token-0123456789abcdef");
        _age = SecretCipher.EncryptForRecipient(_cipher.Recipient, "a-typical-bearer-token-0123456789abcdef");
    }

    [Benchmark(Baseline = true, Description = "decrypt ENC[AES256_GCM] envelope")]
    public SecretDecryption Envelope() => _cipher.Decrypt("models", "token", _envelope);

    [Benchmark(Description = "decrypt armored age value (X25519)")]
    public SecretDecryption Age() => _cipher.Decrypt("models", "token", _age);
}
