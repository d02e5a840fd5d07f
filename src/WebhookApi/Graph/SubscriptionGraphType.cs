using GitOps.WebhookApi.Events;
using GitOps.WebhookApi.Graph.Types;
using GitOps.WebhookApi.History;
using GitOps.WebhookApi.Sources;
using GraphQL;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph;

/// <summary>Subscriptions (over Server-Sent Events, graphql-sse) fed by the in-process <see cref="ChangeFeed"/>.</summary>
internal sealed class SubscriptionGraphType : ObjectGraphType
{
    public SubscriptionGraphType()
    {
        Name = "Subscription";
        Field<NonNullGraphType<CommitEventGraphType>>("commits")
            .Description("Each new head of the branch (API commits, merged pull requests, fetched pushes), optionally only those touching a plugin")
            .Argument<StringGraphType>("plugin")
            .ResolveStream(c =>
            {
                GraphAccess.Require(c, Roles.Viewer);
                var plugin = c.GetArgument<string?>("plugin");
                var scope = PluginScope.Of(c.User); // grants: only heads touching a plugin in scope
                var store = c.RequestServices!.GetRequiredService<GitConfigStore>();
                return new FeedStream(c.RequestServices!.GetRequiredService<ChangeFeed>(), e => e is FeedEvent.HeadChanged head
                    && (plugin is null || head.Plugins.Contains(plugin)) && (scope.SeesEverything || head.Plugins.Any(scope.Sees))
                    ? new CommitEvent(head.Head, head.SnapshotHash, store) : null);
            });
        Field<NonNullGraphType<SourceStateEventGraphType>>("sourceStateChanged")
            .Description("A running source's status changed (state, applied hash, entity count, refresh time), optionally of one plugin or source")
            .Argument<StringGraphType>("plugin")
            .Argument<StringGraphType>("source")
            .ResolveStream(c =>
            {
                GraphAccess.Require(c, Roles.Viewer);
                var (plugin, source) = (c.GetArgument<string?>("plugin"), c.GetArgument<string?>("source"));
                var scope = PluginScope.Of(c.User);
                return new FeedStream(c.RequestServices!.GetRequiredService<ChangeFeed>(), e => e is FeedEvent.SourceChanged changed
                    && scope.Sees(changed.Plugin) && (plugin is null || changed.Plugin == plugin) && (source is null || changed.Source == source)
                    ? changed : null);
            });
    }

    /// <summary>The feed filtered and mapped for one subscription (null = skip).</summary>
    private sealed class FeedStream(ChangeFeed feed, Func<FeedEvent, object?> map) : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer) => feed.Subscribe(new Mapped(observer, map));

        private sealed class Mapped(IObserver<object?> target, Func<FeedEvent, object?> map) : IObserver<FeedEvent>
        {
            public void OnCompleted() => target.OnCompleted();

            public void OnError(Exception error) => target.OnError(error);

            public void OnNext(FeedEvent value)
            {
                if (map(value) is { } mapped) target.OnNext(mapped);
            }
        }
    }
}

/// <summary>A new head; <c>commit</c> (changed sources, diff) is read when asked for.</summary>
internal sealed record CommitEvent(string Head, string SnapshotHash, GitConfigStore Store);

internal sealed class CommitEventGraphType : ObjectGraphType<CommitEvent>
{
    public CommitEventGraphType()
    {
        Name = "CommitEvent";
        Field(e => e.Head);
        Field(e => e.SnapshotHash);
        Field<CommitGraphType>("commit").Description("The commit, cut to the plugins the caller may read (as GET /history/{sha})")
            .Resolve(c => c.Source.Store.GetCommit(c.Source.Head) is { } details && PluginScope.Of(c.User).Restrict(details) is { } visible
                ? CommitView.Of(visible) : null);
    }
}

internal sealed class SourceStateEventGraphType : ObjectGraphType<FeedEvent.SourceChanged>
{
    public SourceStateEventGraphType()
    {
        Name = "SourceStateEvent";
        Field(e => e.Plugin);
        Field(e => e.Source);
        Field<SourceStatusGraphType>("status").Description("Null when the source stopped (removed from its plugin)")
            .Resolve(c => c.Source.Status is { } s ? new SourceStatusView(s.State, s.EntityCount, s.LastRefreshedAt, s.AppliedHash, s.Diagnostics) : null);
    }
}
