namespace GitOps.Reconciler.Git;

/// <summary>Commit messages per DESIGN §3: a summary line, an optional body with the reason, and trailers.</summary>
internal static class CommitMessage
{
    public static string Format(string summary, string? reason, string requestId, CommitAuthor author) =>
        Format(summary, reason, requestId, author, []);

    /// <summary>The message with extra trailers after the standard ones (e.g. <c>Draft:</c>, <c>Approved-By:</c>), in order.</summary>
    public static string Format(string summary, string? reason, string requestId, CommitAuthor author, IReadOnlyList<CommitTrailer> extra)
    {
        var message = new StringBuilder(summary.ReplaceLineEndings(" ").Trim()).Append('\n');
        if (!string.IsNullOrWhiteSpace(reason)) message.Append('\n').Append(reason.Trim()).Append('\n');
        message.Append('\n')
               .Append("Request-Id: ").Append(requestId).Append('\n')
               .Append("Changed-By: ").Append(author.Name).Append(" <").Append(author.Email).Append(">\n");
        if (!string.IsNullOrWhiteSpace(author.Grant)) message.Append("Authorized-By: ").Append(author.Grant.ReplaceLineEndings(" ")).Append('\n');
        foreach (var trailer in extra) message.Append(trailer.Key).Append(": ").Append(trailer.Value.ReplaceLineEndings(" ")).Append('\n');
        return message.ToString();
    }
}

/// <summary>One extra commit trailer (<c>Key: value</c>); the key is a fixed word such as <c>Draft</c>.</summary>
public sealed record CommitTrailer(string Key, string Value);
