using BenchmarkDotNet.Attributes;
using GitOps.Benchmarks.Git;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Signing;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Reconciliation;
using LibGit2Sharp;

namespace GitOps.Benchmarks.Signing;

/// <summary>B13: verifying one commit signature (Ed25519 SSH, uncached: libgit2 extracts the payload, BouncyCastle
/// verifies, the allowed-signers lookup) — goal &lt;= 1 ms; and a reconcile pass of a new head with verification on
/// (<c>Head</c> mode) against the same pass with it off — goal &lt;= 1.1x. Each iteration's setup (not measured) commits
/// a new counter value through a second store on the same data directory, so every measured pass reloads a new head,
/// reads the changed plugin and re-initialises it.</summary>
[ShortInProcessJob(warmupCount: 2, iterationCount: 20)]
[InvocationCount(1, 1)]
public class SignatureVerificationBenchmark : IDisposable
{
    private TempDirectory _directory = null!;
    private ServiceSigningKey _key = null!;
    private CommitVerifier _verifier = null!;
    private Side _plain = null!;
    private Side _verified = null!;
    private Repository _repository = null!;
    private Commit _signedCommit = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = new TempDirectory("gitops-b13");
        var seed = ConfigRepoSeed.Write(_directory.Path);
        (_key, _) = ServiceSigningKey.LoadOrCreate(Path.Combine(_directory.Path, "signing.key"), "gitops-reconciler");
        _verifier = new CommitVerifier(SignerPolicy.Load(new VerificationOptions(), _key.AsAllowedSigner()), TimeProvider.System);
        _plain = new Side(Path.Combine(_directory.Path, "plain"), seed, null, null);
        _verified = new Side(Path.Combine(_directory.Path, "verified"), seed,
            new CommitSignatures(VerificationMode.Head, _verifier, _key), new CommitSignatures(VerificationMode.Off, _verifier, _key));
        _verified.CommitNext();
        _repository = new Repository(_verified.Store.RepositoryPath);
        _signedCommit = _repository.Lookup<Commit>(_verified.Writer.Current.Head);
    }

    [IterationSetup(Targets = [nameof(ReconcileUnverified)])]
    public void NextPlainHead() => _plain.CommitNext();

    [IterationSetup(Targets = [nameof(ReconcileVerified)])]
    public void NextSignedHead() => _verified.CommitNext();

    [Benchmark(Description = "verify one Ed25519 SSH commit signature (uncached)")]
    public SignatureCheck VerifyOne() => _verifier.Check(_repository, _signedCommit);

    [Benchmark(Baseline = true, Description = "reconcile pass of a new head, verification off")]
    public Task<ReconcileReport> ReconcileUnverified() => _plain.Replica.RunAsync("b13");

    [Benchmark(Description = "reconcile pass of a new head, Head mode (signed by the service key)")]
    public async Task<ReconcileReport> ReconcileVerified()
    {
        var report = await _verified.Replica.RunAsync("b13");
        return report.Error is null ? report : throw new InvalidOperationException(report.Error);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _repository?.Dispose();
        _plain?.Dispose();
        _verified?.Dispose();
        _directory?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>One data directory: the measured store with its reconcile replica, and a second writer store on it.</summary>
    private sealed class Side : IDisposable
    {
        private int _counter;

        public Side(string data, string seed, CommitSignatures? measured, CommitSignatures? writer)
        {
            Store = StoreFactory.Create(data, seed);
            if (measured is not null) Store.AttachSignatures(measured);
            Store.Initialize();
            Writer = StoreFactory.Create(data, seed);
            if (writer is not null) Writer.AttachSignatures(writer);
            Writer.Initialize();
            Replica = ReconcileReplica.Start(Store, null);
            Replica.RunAsync("b13-start").GetAwaiter().GetResult();
        }

        public GitConfigStore Store { get; }

        public GitConfigStore Writer { get; }

        public ReconcileReplica Replica { get; }

        public void CommitNext()
        {
            var request = Mutations.SetFiles(null, "models: bump counter", (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(++_counter)));
            if (Writer.MutateAsync(request).GetAwaiter().GetResult() is not MutationOutcome.Committed)
                throw new InvalidOperationException("the writer could not commit");
        }

        public void Dispose()
        {
            Replica.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Store.Dispose();
            Writer.Dispose();
        }
    }
}
