namespace GitOps.Cli.Commands;

/// <summary><c>--remove-all-plugins</c>: the explicit confirmation the server asks for (<c>?confirm=remove-all-plugins</c>,
/// 409 <c>confirmation-required</c> without it) before a change that leaves no plugin at all.</summary>
internal static class ConfirmRemoveAll
{
    public static Option<bool> Option() => new("--remove-all-plugins")
    {
        Description = "Confirm a change that leaves the repository without any plugin (the server refuses it otherwise)",
    };

    public static string Apply(string path, bool confirmed) => confirmed ? $"{path}?confirm=remove-all-plugins" : path;
}
