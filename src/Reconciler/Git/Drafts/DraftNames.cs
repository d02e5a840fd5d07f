using System.Security.Cryptography;
using LibGit2Sharp;

namespace GitOps.Reconciler.Git.Drafts;

/// <summary>Draft ids: one valid git ref component (the draft is the branch <c>drafts/&lt;id&gt;</c>), or a slug of the title
/// plus 6 hex characters when the caller names none.</summary>
public static class DraftNames
{
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="name"/> cannot name a draft; null when it can.</summary>
    public static string? Problem(string name)
    {
        if (string.IsNullOrEmpty(name)) return "a draft name must not be empty";
        if (name.Length > MaxLength) return $"a draft name has at most {MaxLength} characters";
        if (name.Contains('/', StringComparison.Ordinal)) return "a draft name is one ref component: it must not contain '/'";
        if (name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return "a draft name must not contain spaces or control characters";
        if (name.StartsWith('-')) return "a draft name must not start with '-'";
        if (!Reference.IsValidName(DraftRefs.BranchRef(name))) return $"'{name}' is not a valid git ref component (no '..', '~', '^', ':', '?', '*', '[', '\\', '@{{', no trailing '.' or '.lock')";
        return null;
    }

    /// <summary>The default id: the title lower-cased, runs of other characters as one '-', at most 40 characters, then '-' and 6 hex.</summary>
    public static string FromTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= 40) break;
        }
        var stem = slug.ToString().Trim('-');
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        return stem.Length == 0 ? $"draft-{suffix}" : $"{stem}-{suffix}";
    }
}
