using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GitOps.Benchmarks.Git;
using GitOps.HotReload.Notifications;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Org.BouncyCastle.Security;

namespace GitOps.Benchmarks.Notifications;

/// <summary>Issue 16: verifying one signed change notification in GitOps.HotReload (envelope parse, key lookup, Ed25519
/// over the payload, payload parse, time window and replay memory) — goal &lt; 1 ms. Baseline: the bare BouncyCastle
/// Ed25519 verification of the same payload bytes (the floor any verifier pays).</summary>
/// <remarks>Every invocation verifies a message with a new event id (a fresh verifier per iteration, one distinct message
/// per invocation), so the replay memory grows as in real use and nothing short-circuits as a replay.</remarks>
[ShortInProcessJob(warmupCount: 3, iterationCount: 15)]
[InvocationCount(Messages)]
public class NotificationVerifyBenchmark
{
    private const int Messages = 2048;
    private readonly Ed25519PrivateKeyParameters _key = new(new SecureRandom());
    private byte[][] _envelopes = [];
    private byte[] _payload = [];
    private byte[] _signature = [];
    private Ed25519PublicKeyParameters _public = null!;
    private NotificationVerifier _verifier = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _public = _key.GeneratePublicKey();
        var keyId = NotificationKey.IdOf(_public.GetEncoded());
        var now = DateTimeOffset.UtcNow;
        _envelopes = [.. Enumerable.Range(0, Messages).Select(i => Envelope(Payload($"{Guid.NewGuid()}", now), keyId))];
        _payload = Encoding.UTF8.GetBytes(Payload("baseline", now));
        _signature = Sign(_payload);
    }

    [IterationSetup(Target = nameof(Verify))]
    public void FreshVerifier()
    {
        _verifier = new NotificationVerifier([NotificationKey.FromPublicKey(_public.GetEncoded())], new NotificationVerifierOptions { Window = TimeSpan.FromHours(2) });
        _next = 0;
    }

    [Benchmark(Baseline = true, Description = "bare Ed25519 verify of the payload (BouncyCastle)")]
    public bool BareEd25519() => _public.Verify(Ed25519.Algorithm.Ed25519, null, _payload, 0, _payload.Length, _signature, 0);

    [Benchmark(Description = "NotificationVerifier.Verify(envelope): signature, key id, window, replay")]
    public VerificationResult Verify()
    {
        var result = _verifier.Verify(_envelopes[_next++ % Messages]);
        return result is VerificationResult.Verified ? result : throw new InvalidOperationException(result.ToString());
    }

    private static string Payload(string id, DateTimeOffset time) =>
        $$"""{"v":1,"id":"{{id}}","plugin":"models","commit":"669675fdc22200883f36d6eea3749c3b5b49891d","hash":"97ab789a080e54b60a57bab3e7f240f15924b01ef73ce4f81f76d9ff431d60c9","previousHash":"6fd8233317ec9874580a8b810747a3e55007274b5e91fdd7f3ca071b62bed77d","changedSources":["organization_ai_models"],"outcome":"Succeeded","time":"{{time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}"}""";

    private byte[] Envelope(string payload, string keyId) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        keyId,
        signature = Convert.ToBase64String(Sign(Encoding.UTF8.GetBytes(payload))),
        payload,
    });

    private byte[] Sign(byte[] data)
    {
        var signature = new byte[Ed25519.SignatureSize];
        _key.Sign(Ed25519.Algorithm.Ed25519, null, data, 0, data.Length, signature, 0);
        return signature;
    }
}
