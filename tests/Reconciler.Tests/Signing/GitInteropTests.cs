using GitOps.Reconciler.Signing;
using GitOps.TestSupport.Signing;
using LibGit2Sharp;

namespace GitOps.Reconciler.Tests.Signing;

/// <summary>Commits signed with the real tools (<c>git commit -S</c> with gpg, and with <c>gpg.format=ssh</c> + ssh-keygen):
/// the service's verdict must agree with <c>git verify-commit</c> on every case.</summary>
public sealed class GitInteropTests(SigningKeysFixture fixture) : IClassFixture<SigningKeysFixture>
{
    private SigningKeys Keys => fixture.Keys;

    [Fact]
    public void Verify_AgreesWithGitVerifyCommit_ForEveryKindOfKey()
    {
        using var work = new SignedWorkTree();
        // name → expected verdict (null: verified)
        var cases = new (string Signer, FailureKind? Expected, string? Date)[]
        {
            ("ssh-ed25519", null, null), ("ssh-rsa", null, null), ("ssh-ecdsa", null, null),
            ("ssh-expired", FailureKind.Expired, null), ("ssh-revoked", FailureKind.Revoked, null), ("ssh-unknown", FailureKind.NotAllowed, null),
            ("gpg-ed25519", null, null), ("gpg-rsa", null, null),
            ("gpg-expired", FailureKind.Expired, "2020-01-01T12:00:00Z"), ("gpg-revoked", FailureKind.Revoked, null), ("gpg-unknown", FailureKind.NotAllowed, null),
            ("unsigned", FailureKind.Unsigned, null),
        };
        var commits = new List<(string Signer, FailureKind? Expected, string Sha)>();
        var n = 0;
        foreach (var (signer, expected, date) in cases)
        {
            var sha = work.Commit($"plugins/p{n++}/file.yaml", $"n: {n}\n", signer == "unsigned" ? null : Keys[signer], $"signed by {signer}", date: date);
            commits.Add((signer, expected, sha));
        }
        Keys.RevokeGpg("gpg-revoked"); // after it signed, as in life

        var verifier = Verifier(new VerificationOptions());
        using var repo = new Repository(work.Path);
        foreach (var (signer, expected, sha) in commits)
        {
            var check = verifier.Check(repo, repo.Lookup<Commit>(sha));
            var gitAccepts = work.VerifyCommit(sha, Keys);
            Assert.True(gitAccepts == check is SignatureCheck.Verified, $"{signer}: git verify-commit says {gitAccepts}, the service says {check}");
            if (expected is null) Assert.IsType<SignatureCheck.Verified>(check);
            else if (expected == FailureKind.Unsigned) Assert.IsType<SignatureCheck.Unsigned>(check);
            else Assert.Equal(expected, Assert.IsType<SignatureCheck.Rejected>(check).Kind);
        }
    }

    [Theory]
    [InlineData("gpg-ed25519")]
    [InlineData("ssh-rsa")]
    public void TamperedPayloadOrTruncatedArmour_FailsForGitAndForTheService(string signer)
    {
        using var work = new SignedWorkTree();
        var sha = work.Commit("plugins/models/a.yaml", "a: 1\n", Keys[signer], "original message");
        var raw = Tool.Run("git", ["-C", work.Path, "cat-file", "commit", sha]) + "\n";
        var tampered = Write(work, raw.Replace("original message", "tampered message"));
        var lines = raw.Split('\n').ToList();
        var end = lines.FindIndex(l => l.Contains("-----END", StringComparison.Ordinal));
        lines.RemoveRange(end - 2, 2); // the armour's last lines (data, and the CRC for OpenPGP); END stays
        var truncated = Write(work, string.Join('\n', lines));

        var verifier = Verifier(new VerificationOptions());
        using var repo = new Repository(work.Path);
        var bad = Assert.IsType<SignatureCheck.Rejected>(verifier.Check(repo, repo.Lookup<Commit>(tampered)));
        Assert.Equal(FailureKind.BadSignature, bad.Kind);
        Assert.Equal("signature does not match the commit", bad.Reason);
        Assert.Equal(FailureKind.Malformed, Assert.IsType<SignatureCheck.Rejected>(verifier.Check(repo, repo.Lookup<Commit>(truncated))).Kind);
        Assert.False(work.VerifyCommit(tampered, Keys));
        Assert.False(work.VerifyCommit(truncated, Keys));
        Assert.True(work.VerifyCommit(sha, Keys));
    }

    private static string Write(SignedWorkTree work, string raw)
    {
        var file = Path.Combine(work.Path, "..", $"raw-{Guid.NewGuid():N}");
        File.WriteAllText(file, raw);
        return Tool.Run("git", ["-C", work.Path, "hash-object", "-t", "commit", "-w", "--literally", file]);
    }

    [Fact]
    public void Verify_NamesSignerAndKeyId_LikeSshKeygen()
    {
        using var work = new SignedWorkTree();
        var sha = work.Commit("plugins/models/sources.yaml", "x: 1\n", Keys["ssh-ed25519"]);
        using var repo = new Repository(work.Path);
        var verified = Assert.IsType<SignatureCheck.Verified>(Verifier(new VerificationOptions()).Check(repo, repo.Lookup<Commit>(sha)));
        var fingerprint = Tool.Run("ssh-keygen", ["-l", "-f", Keys["ssh-ed25519"].GitConfig[3]["user.signingkey=".Length..] + ".pub"]).Split(' ')[1];
        Assert.Equal(fingerprint, verified.KeyId);
        Assert.Equal("models-team@example.test", verified.Principal);
        Assert.Equal(SignatureFormat.Ssh, verified.Format);
    }

    [Fact]
    public void PathRules_ACommitTouchingTwoPlugins_NeedsASignerAllowedForBoth()
    {
        using var work = new SignedWorkTree();
        var options = new VerificationOptions
        {
            Paths =
            [
                new PathSigners { Pattern = "plugins/models/**", Principals = ["models-team@example.test"] },
                new PathSigners { Pattern = "plugins/datasources/**", Principals = ["datasources-team@example.test"] },
            ],
        };
        var modelsOnly = work.Commit("plugins/models/a.yaml", "a: 1\n", Keys["ssh-ed25519"]);
        File.WriteAllText(Path.Combine(work.Path, "plugins/models/b.yaml"), "b: 1\n");
        var both = work.Commit("plugins/datasources/c.yaml", "c: 1\n", Keys["ssh-ed25519"]);
        var datasources = work.Commit("plugins/datasources/c.yaml", "c: 2\n", Keys["ssh-datasources"]);
        var wrongTeam = work.Commit("plugins/models/a.yaml", "a: 2\n", Keys["ssh-datasources"]);

        var verifier = Verifier(options);
        using var repo = new Repository(work.Path);
        Assert.IsType<SignatureCheck.Verified>(verifier.Check(repo, repo.Lookup<Commit>(modelsOnly)));
        var refused = Assert.IsType<SignatureCheck.Rejected>(verifier.Check(repo, repo.Lookup<Commit>(both)));
        Assert.Equal(FailureKind.PathNotAllowed, refused.Kind);
        Assert.Contains("plugins/datasources/c.yaml", refused.Reason);
        Assert.IsType<SignatureCheck.Verified>(verifier.Check(repo, repo.Lookup<Commit>(datasources)));
        Assert.Equal(FailureKind.PathNotAllowed, Assert.IsType<SignatureCheck.Rejected>(verifier.Check(repo, repo.Lookup<Commit>(wrongTeam))).Kind);
    }

    [Fact]
    public void RequireCommitterMatch_RefusesACommitterWhoIsNotTheSigner()
    {
        using var work = new SignedWorkTree();
        var own = work.Commit("plugins/models/a.yaml", "a: 1\n", Keys["ssh-ed25519"]);
        var other = work.Commit("plugins/models/a.yaml", "a: 2\n", Keys["ssh-ed25519"], committerEmail: "mallory@example.test");
        var pgpOther = work.Commit("plugins/models/a.yaml", "a: 3\n", Keys["gpg-ed25519"], committerEmail: "mallory@example.test");

        var verifier = Verifier(new VerificationOptions { RequireCommitterMatch = true });
        using var repo = new Repository(work.Path);
        Assert.IsType<SignatureCheck.Verified>(verifier.Check(repo, repo.Lookup<Commit>(own)));
        var refused = Assert.IsType<SignatureCheck.Rejected>(verifier.Check(repo, repo.Lookup<Commit>(other)));
        Assert.Equal(FailureKind.CommitterMismatch, refused.Kind);
        Assert.Contains("mallory@example.test", refused.Reason);
        Assert.Equal(FailureKind.CommitterMismatch, Assert.IsType<SignatureCheck.Rejected>(verifier.Check(repo, repo.Lookup<Commit>(pgpOther))).Kind);
    }

    private CommitVerifier Verifier(VerificationOptions options)
    {
        options.AllowedSignersFile = Keys.AllowedSignersFile;
        options.RevokedKeysFile = Keys.RevokedKeysFile;
        options.OpenPgpKeys = [Keys.ExportPublicKeys()];
        return new CommitVerifier(SignerPolicy.Load(options, null), TimeProvider.System);
    }
}
