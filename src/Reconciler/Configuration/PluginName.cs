using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Configuration;

/// <summary>Rules for plugin names (DNS labels) and source ids.</summary>
public static partial class PluginName
{
    public const int MaxLength = 40;

    public static bool IsValid(string name) => name.Length <= MaxLength && DnsLabel().IsMatch(name);

    public static bool IsValidSourceId(string id) => SourceId().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex SourceId();
}
