using GitOps.Reconciler.Git;
using GitOps.Reconciler.Signing;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Signing;

namespace GitOps.Reconciler.Tests.Signing;

/// <summary><c>Head</c> checks the head commit only; <c>All</c> checks every commit since the last verified head (or since
/// <c>Since</c>), so an unsigned commit buried under a signed one is caught.</summary>
public sealed class VerificationModeTests : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-modes");
    private readonly SigningKeys _keys = new(openPgp: false);
    private readonly string _seed;
    private readonly string _data;
    private readonly ServiceSigningKey _key;

    public VerificationModeTests()
    {
        _seed = ConfigRepoSeed.Write(_directory.Path);
        _data = Path.Combine(_directory.Path, "data");
        (_key, _) = ServiceSigningKey.LoadOrCreate(Path.Combine(_data, "signing.key"), "gitops-reconciler");
    }

    [Fact]
    public void AnUnsignedCommitUnderASignedHead_PassesHead_FailsAll_UnlessBeforeSince()
    {
        string unsigned, signed;
        using (var writer = Open(VerificationMode.All))
        {
            using var work = new SignedWorkTree(writer.RepositoryPath);
            unsigned = work.Commit(ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(5), null, "unsigned");
            signed = work.Commit(ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(6), _keys["ssh-ed25519"], "signed on top");
            Assert.Equal(0, work.Push());

            writer.Reload();
            var problem = Assert.IsType<HeadProblem>(writer.HeadError);
            Assert.Equal(signed, problem.Head);
            Assert.Equal(unsigned, problem.Verification!.Commit);
            Assert.Equal(FailureKind.Unsigned, problem.Verification.Kind);
            Assert.NotEqual(signed, writer.Current.Head);
        }

        using (var head = Open(VerificationMode.Head))
        {
            Assert.Null(head.HeadError);
            Assert.Equal(signed, head.Current.Head);
        }

        using var since = Open(VerificationMode.All, since: unsigned);
        Assert.Null(since.HeadError);
        Assert.Equal(signed, since.Current.Head);
    }

    [Fact]
    public void SignerPolicy_ABadAllowedSignersLine_FailsStartUpNamingTheOptionAndLine()
    {
        var file = Path.Combine(_directory.Path, "allowed");
        File.WriteAllText(file, "# people\nalice@example.test ssh-ed25519 not-base64!\n");

        var error = Assert.Throws<FormatException>(() => SignerPolicy.Load(new VerificationOptions { AllowedSignersFile = file }, null));

        Assert.Contains("GitOps:Verification:AllowedSignersFile", error.Message);
        Assert.Contains("line 2", error.Message);
        var missing = Assert.Throws<FormatException>(() => SignerPolicy.Load(new VerificationOptions { OpenPgpKeysFile = file + ".missing" }, null));
        Assert.Contains("GitOps:Verification:OpenPgpKeysFile", missing.Message);
    }

    private GitConfigStore Open(VerificationMode mode, string? since = null)
    {
        var options = new VerificationOptions { AllowedSignersFile = _keys.AllowedSignersFile };
        var verifier = new CommitVerifier(SignerPolicy.Load(options, _key.AsAllowedSigner()), TimeProvider.System);
        var store = StoreFactory.Create(_data, _seed);
        store.AttachSignatures(new CommitSignatures(mode, verifier, _key, since));
        store.Initialize();
        return store;
    }

    public void Dispose()
    {
        _keys.Dispose();
        _directory.Dispose();
    }
}
