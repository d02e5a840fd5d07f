using System.Text;
using GitOps.TestSupport.Secrets;

namespace GitOps.Cli.Tests.Commands;

[Collection(ServerCollection.Name)]
public sealed class SecretCommandsTests(ServerFixture fixture)
{
    private const string Value = "cli-secret-value-Q7w";

    private static async Task<CliResult> WithInputAsync(ServerFixture fixture, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(input), output, error, CliRun.Environment(fixture.Server));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task SetFromStdin_ThenList_ShowsTheNameAndKey_ThenDelete_AndNeverPrintsTheValue()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();

        var set = await WithInputAsync(fixture, Value + "\n", "secrets", "set", plugin, "dbPassword");
        var list = await fixture.RunAsync("secrets", "list", plugin);
        var keys = await fixture.RunAsync("secrets", "list");
        var delete = await fixture.RunAsync("secrets", "delete", plugin, "dbPassword");
        var after = await fixture.RunAsync("secrets", "list", plugin, "-o", "json");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains($"set {plugin}/dbPassword (key k1)", set.Out, StringComparison.Ordinal);
        Assert.Contains("dbPassword", list.Out, StringComparison.Ordinal);
        Assert.Contains("envelope", list.Out, StringComparison.Ordinal);
        Assert.Contains("k1", keys.Out, StringComparison.Ordinal);
        Assert.Contains("recipient: age1", keys.Out, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.DoesNotContain("dbPassword", after.Out, StringComparison.Ordinal);
        Assert.All(new[] { set, list, keys, delete, after }, r => Assert.DoesNotContain(Value, r.Out + r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Set_WithNoValueOnStdin_FailsSayingWhereValuesComeFrom()
    {
        var result = await WithInputAsync(fixture, "", "secrets", "set", "models", "x");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("never taken from arguments", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_ToARecipient_GivesArmorTheRealAgeDecrypts()
    {
        var (identity, recipient) = AgeCli.KeyGen();

        var result = await WithInputAsync(fixture, Value + "\n", "secrets", "encrypt", "-r", recipient);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("-----BEGIN AGE ENCRYPTED FILE-----", result.Out, StringComparison.Ordinal);
        Assert.Equal(Value, Encoding.UTF8.GetString(AgeCli.Decrypt(Encoding.ASCII.GetBytes(result.Out), identity)));
    }
}
