using System.Text;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Observability;
using GitOps.Reconciler.Signing;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Signing;

namespace GitOps.Reconciler.Tests.Signing;

/// <summary>The store signs what it writes (verifiable by <c>git verify-commit</c>) and refuses to apply a head that fails
/// verification, whatever is wrong with it, without throwing.</summary>
public sealed class SignedStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-signed");
    private readonly GitOpsMetrics _metrics = new();
    private readonly GitConfigStore _store;
    private readonly ServiceSigningKey _key;

    public SignedStoreTests()
    {
        var seed = ConfigRepoSeed.Write(_directory.Path);
        var data = Path.Combine(_directory.Path, "data");
        (_key, _) = ServiceSigningKey.LoadOrCreate(Path.Combine(data, "signing.key"), "gitops-reconciler");
        var verifier = new CommitVerifier(SignerPolicy.Load(new VerificationOptions(), _key.AsAllowedSigner()), TimeProvider.System);
        _store = StoreFactory.Create(data, seed, metrics: _metrics);
        _store.AttachSignatures(new CommitSignatures(VerificationMode.All, verifier, _key));
        _store.Initialize();
    }

    [Fact]
    public async Task ServiceCommits_VerifyWithGitVerifyCommit_GivenAnAllowedSignersFile()
    {
        var committed = Assert.IsType<MutationOutcome.Committed>(await _store.MutateAsync(Mutations.IncrementCounter(null)));
        var reverted = Assert.IsType<MutationOutcome.Committed>(await _store.RevertAsync(committed.Head, null, Mutations.Alice, null, "r1"));
        var allowed = Path.Combine(_directory.Path, "allowed_signers");
        File.WriteAllText(allowed, _key.AllowedSignersLine + "\n");

        foreach (var sha in new[] { committed.PreviousHead /* the seed */, committed.Head, reverted.Head })
        {
            var (exit, _, error) = Tool.TryRun("git", ["-c", $"gpg.ssh.allowedSignersFile={allowed}", "--git-dir", _store.RepositoryPath, "verify-commit", sha]);
            Assert.True(exit == 0, $"git verify-commit {sha}: {error}");
            Assert.Contains("gitops-reconciler", error);
        }
        Assert.Null(_store.HeadError);
        var history = _store.History(new HistoryQuery(Limit: 3));
        Assert.All(history, e => Assert.Equal(new CommitSignatureInfo(true, "Ssh", _key.KeyId, "gitops-reconciler", true, null), e.Signature));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory.Path, "data", "signing.key")));
    }

    [Fact]
    public async Task UnsignedHead_IsNotApplied_IsCounted_AndRefusesMutationsOnTop()
    {
        var applied = _store.Current;
        var before = _metrics.VerificationFailureCount("unsigned");
        var unsigned = GitCli.CommitFile(_store.RepositoryPath, "main", ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(41), "unsigned change");

        _store.Reload();

        Assert.Equal(applied.Head, _store.Current.Head);
        var problem = Assert.IsType<HeadProblem>(_store.HeadError);
        Assert.Equal(unsigned, problem.Head);
        Assert.Equal(FailureKind.Unsigned, problem.Verification!.Kind);
        Assert.Contains("not signed", problem.Errors[0].Message);
        Assert.Equal(before + 1, _metrics.VerificationFailureCount("unsigned"));
        _store.Reload();
        Assert.Equal(before + 1, _metrics.VerificationFailureCount("unsigned")); // counted once per failing commit

        var refused = Assert.IsType<MutationOutcome.Rejected>(await _store.MutateAsync(Mutations.IncrementCounter(null)));
        Assert.Equal(RejectionKind.Conflict, refused.Kind);
        Assert.Equal(unsigned, GitCli.Run(_store.RepositoryPath, "rev-parse", "refs/heads/main"));
    }

    [Fact]
    public async Task VerifyCommit_ForAPullRequestHead_GivesTheVerdictThePassWouldReach()
    {
        var signed = Assert.IsType<MutationOutcome.Committed>(await _store.MutateAsync(Mutations.IncrementCounter(null))).Head;
        GitCli.Run(_store.RepositoryPath, "branch", "review", signed);
        var unsigned = GitCli.CommitFile(_store.RepositoryPath, "review", ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(7), "unsigned pull request");

        Assert.Null(_store.VerifyCommit(signed));
        var failure = Assert.IsType<VerificationFailure>(_store.VerifyCommit(unsigned));
        Assert.Equal(FailureKind.Unsigned, failure.Kind);
        Assert.Equal(signed, _store.Current.Head); // checking a pull request never moves what is applied
    }

    [Theory]
    [InlineData("other-payload", "signature does not match the commit")]
    [InlineData("truncated", "truncated SSH signature armour")]
    [InlineData("two-headers", "more than one signature header")]
    [InlineData("huge", "more than 64 KiB is refused")]
    public async Task BadSignature_IsAClearReason_NeverApplied(string kind, string reason)
    {
        var signed = Assert.IsType<MutationOutcome.Committed>(await _store.MutateAsync(Mutations.IncrementCounter(null))).Head;
        var raw = GitCli.Run(_store.RepositoryPath, "cat-file", "commit", signed) + "\n";
        var lines = raw.Split('\n').ToList();
        var start = lines.FindIndex(l => l.StartsWith("gpgsig ", StringComparison.Ordinal));
        var end = lines.FindIndex(l => l.Contains("END SSH SIGNATURE", StringComparison.Ordinal));
        var header = lines[start..(end + 1)];
        switch (kind)
        {
            case "other-payload":
                lines[^2] = lines[^2] + " (edited after signing)";
                lines.Insert(end + 1, "");
                lines.RemoveAt(end + 1);
                raw = string.Join('\n', lines).Replace("models: increment counter", "models: increment counter, edited after signing");
                break;
            case "truncated":
                lines.RemoveRange(end - 1, 2);
                raw = string.Join('\n', lines);
                break;
            case "two-headers":
                lines.InsertRange(end + 1, header);
                raw = string.Join('\n', lines);
                break;
            case "huge":
                var blob = Convert.ToBase64String(new byte[1024 * 1024]);
                var body = Enumerable.Range(0, blob.Length / 70).Select(i => string.Concat(" ", blob.AsSpan(i * 70, 70)));
                lines.RemoveRange(start, end - start + 1);
                lines.InsertRange(start, ["gpgsig -----BEGIN SSH SIGNATURE-----", .. body, " -----END SSH SIGNATURE-----"]);
                raw = string.Join('\n', lines);
                break;
        }
        var file = Path.Combine(_directory.Path, $"{kind}.commit");
        File.WriteAllText(file, raw, new UTF8Encoding(false));
        var bad = GitCli.Run(_store.RepositoryPath, "hash-object", "-t", "commit", "-w", "--literally", file);
        GitCli.Run(_store.RepositoryPath, "update-ref", "refs/heads/main", bad, signed);

        _store.Reload();

        Assert.Equal(signed, _store.Current.Head);
        var problem = Assert.IsType<HeadProblem>(_store.HeadError);
        Assert.Equal(bad, problem.Head);
        Assert.Contains(reason, problem.Verification!.Reason);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }
}
