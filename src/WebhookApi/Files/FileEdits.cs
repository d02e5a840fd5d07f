using System.Text.RegularExpressions;
using GitOps.WebhookApi.Plugins;

namespace GitOps.WebhookApi.Files;

/// <summary>Pure edits of a plugin's files (flat: no folders, DESIGN §2).</summary>
internal static partial class FileEdits
{
    public static bool IsValidName(string name) => FileName().IsMatch(name);

    public static EditResult Put(ConfigSnapshot snapshot, string plugin, string name, byte[] content) =>
        snapshot.FindPlugin(plugin) is null ? PluginEdits.NotFound(plugin) : PluginEdits.Files((PluginEdits.FilePath(plugin, name), content));

    public static EditResult Delete(ConfigSnapshot snapshot, string plugin, string name)
    {
        if (snapshot.FindPlugin(plugin) is not { } existing) return PluginEdits.NotFound(plugin);
        return existing.Files.ContainsKey(name)
            ? PluginEdits.Files((PluginEdits.FilePath(plugin, name), null))
            : new EditResult.Refused(RejectionKind.NotFound, $"file '{name}' does not exist in plugin '{plugin}'");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex FileName();
}
