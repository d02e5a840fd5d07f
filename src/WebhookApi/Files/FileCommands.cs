namespace GitOps.WebhookApi.Files;

/// <summary>The file writes as commands, shared by the REST endpoints and the GraphQL mutations.</summary>
internal static class FileCommands
{
    /// <param name="existed">Whether the file is in the snapshot the caller read (names the commit: add or update).</param>
    public static Command Put(string plugin, string name, byte[] content, bool existed)
    {
        if (!FileEdits.IsValidName(name)) return Command.Refuse(InvalidName(name));
        var verb = existed ? "update" : "add";
        return Change.Edit($"file.{verb}", plugin, "", $"{plugin}: {verb} file {name}", s => FileEdits.Put(s, plugin, name, content));
    }

    public static Command Delete(string plugin, string name) =>
        !FileEdits.IsValidName(name)
            ? Command.Refuse(InvalidName(name))
            : Change.Edit("file.delete", plugin, "", $"{plugin}: delete file {name}", s => FileEdits.Delete(s, plugin, name));

    public static ProblemHttpResult InvalidName(string name) =>
        Problems.BadRequest($"'{name}' is not a valid file name: plugin folders are flat, names are letters, digits, '.', '_' and '-'");
}
