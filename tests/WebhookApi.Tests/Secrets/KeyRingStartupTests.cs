using GitOps.Reconciler.Secrets;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Secrets;

/// <summary>Where the key ring comes from at start-up: generated 0600 beside admin.token on the embedded default; a
/// configured ring that cannot be read stops start-up naming the option, never echoing key material.</summary>
public sealed class KeyRingStartupTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task EmbeddedDefault_GeneratesAKeyRingBesideTheAdminToken_OwnerOnly_AndKeepsItAcrossRestarts()
    {
        using var data = new TempDirectory("gitops-keyring");
        await using var service = await ServiceProcess.StartAsync(data.Path);
        var path = Path.Combine(data.Path, "secrets.keyring");

        var first = await File.ReadAllTextAsync(path);
        await service.RestartAsync();

        Assert.True(File.Exists(Path.Combine(data.Path, "admin.token")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var ring = Assert.IsType<KeyRingParse.Parsed>(KeyRing.Parse(first, path)).Ring;
        Assert.Equal("k1", ring.Newest.Id);
        Assert.Equal(first, await File.ReadAllTextAsync(path));
        Assert.Contains("Generated the secrets key ring", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredKeyRing_ThatIsMalformed_StopsStartUpNamingTheOption()
    {
        using var data = new TempDirectory("gitops-keyring");
        const string material = "c2hvcnQta2V5LW1hdGVyaWFs";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServiceProcess.StartAsync(data.Path, new Dictionary<string, string?> { ["GitOps__Secrets__KeyRing"] = $"k1 {material}" }));

        Assert.Contains("GitOps:Secrets:KeyRing: entry 1: key 'k1' must be the base64 of exactly 32 bytes", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(material, failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "secrets.keyring")));
    }
}
