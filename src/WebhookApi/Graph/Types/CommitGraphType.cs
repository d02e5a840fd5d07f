using GitOps.WebhookApi.History;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>A commit as <c>GET /history/{sha}</c> shows it (the same <see cref="CommitView"/>). Entries of <c>history</c>
/// carry no diff (as in REST); their <c>files</c> are read when asked for.</summary>
internal sealed class CommitGraphType : ViewGraphType<CommitView>
{
    public CommitGraphType() : base("Commit", c => c.Sha)
    {
        Field<NonNullGraphType<AuthorGraphType>>("author").Resolve(c => c.Source.Author);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("time").Resolve(c => c.Source.Time);
        PlainFields(c => c.Summary, c => c.Message);
        Field<NonNullGraphType<JsonGraphType>>("trailers").Description("Commit trailers such as Request-Id and Changed-By").Resolve(c => c.Source.Trailers);
        ListField<StringGraphType>("changedPlugins", c => c.Source.ChangedPlugins);
        ListField<ChangedSourceGraphType>("changedSources", c => c.Source.ChangedSources);
        ListField<StringGraphType>("parents", c => c.Source.Parents);
        Field<CommitSignatureGraphType>("signature").Description("Signed or not, by whom, verified or not (signed commits)").Resolve(c => c.Source.Signature);
        ListField<FileDiffGraphType>("files", c => c.Source.Files.IsDefault
                ? (c.RequestServices!.GetRequiredService<GitConfigStore>().GetCommit(c.Source.Sha) is { } details
                    ? PluginScope.Of(c.User).Restrict(details)?.Files ?? []
                    : [])
                : c.Source.Files)
            .Description("The diff against the first parent");
    }

    /// <summary>A history entry as a commit whose diff is read on demand.</summary>
    public static CommitView Of(HistoryEntryView e) => CommitView.Of(e, default);
}

internal sealed class CommitSignatureGraphType() : ViewGraphType<CommitSignatureInfo>("CommitSignature",
    s => s.Signed, s => s.Format, s => s.KeyId, s => s.Signer, s => s.Verified, s => s.Reason);

internal sealed class AuthorGraphType() : ViewGraphType<AuthorView>("Author", a => a.Name, a => a.Email);

internal sealed class ChangedSourceGraphType : ViewGraphType<ChangedSource>
{
    public ChangedSourceGraphType() : base("ChangedSource", c => c.Plugin, c => c.Source)
    {
        Field<NonNullGraphType<StringGraphType>>("change").Description("Added, Modified or Removed").Resolve(c => c.Source.Change.ToString());
    }
}

internal sealed class FileDiffGraphType() : ViewGraphType<FileDiff>("FileDiff", f => f.Path, f => f.Status, f => f.Patch);
