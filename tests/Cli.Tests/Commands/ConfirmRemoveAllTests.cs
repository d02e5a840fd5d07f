using GitOps.Cli.Commands;

namespace GitOps.Cli.Tests.Commands;

public sealed class ConfirmRemoveAllTests
{
    [Fact]
    public void Apply_WhenConfirmed_AsksTheServerWithTheConfirmationParameter()
    {
        Assert.Equal("history/abcd/revert?confirm=remove-all-plugins", ConfirmRemoveAll.Apply("history/abcd/revert", confirmed: true));
        Assert.Equal("plugins/models", ConfirmRemoveAll.Apply("plugins/models", confirmed: false));
    }

    [Fact]
    public void Option_IsNamedAsTheDocsSay()
    {
        Assert.Equal("--remove-all-plugins", ConfirmRemoveAll.Option().Name);
    }
}
