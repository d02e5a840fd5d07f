using GitOps.WebhookApi.History;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>A commit as <c>GET /history/{sha}</c> shows it (the same <see cref="CommitView"/>). Entries of <c>history</c>
/// carry no diff (as in REST); their <c>files</c> are read when asked for.</summary>
internal sealed class CommitGraphType : ObjectGraphType<CommitView>
{
    public CommitGraphType()
    {
        Name = "Commit";
        Field(c => c.Sha);
        Field<NonNullGraphType<AuthorGraphType>>("author").Resolve(c => c.Source.Author);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("time").Resolve(c => c.Source.Time);
        Field(c => c.Summary);
        Field(c => c.Message);
        Field<NonNullGraphType<JsonGraphType>>("trailers").Description("Commit trailers such as Request-Id and Changed-By").Resolve(c => c.Source.Trailers);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("changedPlugins").Resolve(c => c.Source.ChangedPlugins);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangedSourceGraphType>>>>("changedSources").Resolve(c => c.Source.ChangedSources);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("parents").Resolve(c => c.Source.Parents);
        Field<CommitSignatureGraphType>("signature").Description("Signed or not, by whom, verified or not (signed commits)").Resolve(c => c.Source.Signature);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FileDiffGraphType>>>>("files")
            .Description("The diff against the first parent")
            .Resolve(c => c.Source.Files.IsDefault
                ? (c.RequestServices!.GetRequiredService<GitConfigStore>().GetCommit(c.Source.Sha) is { } details
                    ? PluginScope.Of(c.User).Restrict(details)?.Files ?? []
                    : [])
                : c.Source.Files);
    }

    /// <summary>A history entry as a commit whose diff is read on demand.</summary>
    public static CommitView Of(HistoryEntryView e) => CommitView.Of(e, default);
}

internal sealed class CommitSignatureGraphType : ObjectGraphType<CommitSignatureInfo>
{
    public CommitSignatureGraphType()
    {
        Name = "CommitSignature";
        Field(s => s.Signed);
        Field(s => s.Format, nullable: true);
        Field(s => s.KeyId, nullable: true);
        Field(s => s.Signer, nullable: true);
        Field(s => s.Verified, nullable: true);
        Field(s => s.Reason, nullable: true);
    }
}

internal sealed class AuthorGraphType : ObjectGraphType<AuthorView>
{
    public AuthorGraphType()
    {
        Name = "Author";
        Field(a => a.Name);
        Field(a => a.Email);
    }
}

internal sealed class ChangedSourceGraphType : ObjectGraphType<ChangedSource>
{
    public ChangedSourceGraphType()
    {
        Name = "ChangedSource";
        Field(c => c.Plugin);
        Field(c => c.Source);
        Field<NonNullGraphType<StringGraphType>>("change").Description("Added, Modified or Removed").Resolve(c => c.Source.Change.ToString());
    }
}

internal sealed class FileDiffGraphType : ObjectGraphType<FileDiff>
{
    public FileDiffGraphType()
    {
        Name = "FileDiff";
        Field(f => f.Path);
        Field(f => f.Status);
        Field(f => f.Patch);
    }
}
