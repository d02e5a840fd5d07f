namespace GitOps.Cli.Commands;

/// <summary>The API paths of drafts (docs/DRAFTS.md) and the client-side check of a draft id: a draft is the branch
/// <c>drafts/&lt;id&gt;</c>, so its id must be one git ref component.</summary>
internal static class DraftPaths
{
    public const int MaxLength = 100;

    public static string Draft(string id) => $"drafts/{ApiClient.Segment(id)}";

    /// <summary>Why <paramref name="id"/> cannot name a draft (git's ref-name rules for one component), or null.</summary>
    public static string? NameProblem(string id)
    {
        if (id.Length == 0) return "a draft id is required";
        var problem =
            id.Length > MaxLength ? $"is longer than {MaxLength} characters"
            : id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || "/\\~^:?*[".Contains(c)) ? "contains a character a git branch name cannot have (space, / \\ ~ ^ : ? * [ or a control character)"
            : id.Contains("..", StringComparison.Ordinal) || id.Contains("@{", StringComparison.Ordinal) ? "contains '..' or '@{'"
            : id[0] is '.' or '-' ? "starts with '.' or '-'"
            : id.EndsWith('.') || id.EndsWith(".lock", StringComparison.Ordinal) ? "ends with '.' or '.lock'"
            : null;
        return problem is null ? null : $"'{id}' is not a draft id: it {problem}";
    }

    public static Argument<string> Argument() =>
        new("id") { Description = "Draft id (see gitops draft list)", Validators = { result => { foreach (var token in result.Tokens) if (NameProblem(token.Value) is { } message) result.AddError(message); } } };
}
