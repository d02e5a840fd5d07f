namespace GitOps.Reconciler.Git;

/// <summary>Commit messages per DESIGN §3: a summary line, an optional body with the reason, and trailers.</summary>
internal static class CommitMessage
{
    public static string Format(string summary, string? reason, string requestId, CommitAuthor author)
    {
        var message = new StringBuilder(summary.ReplaceLineEndings(" ").Trim()).Append('\n');
        if (!string.IsNullOrWhiteSpace(reason)) message.Append('\n').Append(reason.Trim()).Append('\n');
        message.Append('\n')
               .Append("Request-Id: ").Append(requestId).Append('\n')
               .Append("Changed-By: ").Append(author.Name).Append(" <").Append(author.Email).Append(">\n");
        if (!string.IsNullOrWhiteSpace(author.Grant)) message.Append("Authorized-By: ").Append(author.Grant.ReplaceLineEndings(" ")).Append('\n');
        return message.ToString();
    }
}
