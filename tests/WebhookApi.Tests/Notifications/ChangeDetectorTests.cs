using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.HotReload.Notifications;
using GitOps.WebhookApi.Notifications;

namespace GitOps.WebhookApi.Tests.Notifications;

public sealed class ChangeDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private int _ids;

    [Fact]
    public void Detect_FirstPass_AnnouncesEveryPlugin_ThenANoOpPassNothing()
    {
        var snapshot = Snapshot(Plugin("models", "h1", ("a", "s1")), Plugin("mcp", "m1"));
        var report = Report(ReconcileOutcome.Succeeded, State("models", "h1"), State("mcp", "m1"));

        var first = Detect(report, PublishedState.Empty, snapshot);
        Assert.Equal(["mcp", "models"], first.Select(c => c.Notification.Plugin).Order());
        var models = first.Single(c => c.Notification.Plugin == "models").Notification;
        Assert.Equal(("h1", (string?)null, "Succeeded", "head1"), (models.Hash, models.PreviousHash, models.Outcome, models.Commit));
        Assert.Equal(["a"], models.ChangedSources.ToArray());

        Assert.Empty(Detect(report, After(PublishedState.Empty, first), snapshot));
    }

    [Fact]
    public void Detect_HashChange_AnnouncesOnlyThatPlugin_WithPreviousHashAndChangedSources()
    {
        var before = After(PublishedState.Empty, Detect(Report(ReconcileOutcome.Succeeded, State("models", "h1"), State("mcp", "m1")), PublishedState.Empty,
            Snapshot(Plugin("models", "h1", ("a", "s1"), ("b", "s2"), ("gone", "s3")), Plugin("mcp", "m1"))));

        var changes = Detect(Report(ReconcileOutcome.Succeeded, State("models", "h2"), State("mcp", "m1")), before,
            Snapshot(Plugin("models", "h2", ("a", "s1"), ("b", "s2b"), ("new", "s4")), Plugin("mcp", "m1")));

        var change = Assert.Single(changes).Notification;
        Assert.Equal(("models", "h2", "h1"), (change.Plugin, change.Hash, change.PreviousHash));
        Assert.Equal(["b", "gone", "new"], change.ChangedSources.ToArray());
    }

    [Fact]
    public void Detect_PassOutcomeTransition_AnnouncesEachPluginOnce_AndTheWayBack()
    {
        var snapshot = Snapshot(Plugin("models", "h1"));
        var good = Report(ReconcileOutcome.Succeeded, State("models", "h1"));
        var state = After(PublishedState.Empty, Detect(good, PublishedState.Empty, snapshot));

        var failed = Detect(Report(ReconcileOutcome.Failed, State("models", "h1")), state, snapshot);
        Assert.Equal(("Failed", "h1"), (Assert.Single(failed).Notification.Outcome, failed[0].Notification.Hash));
        state = After(state, failed);
        Assert.Empty(Detect(Report(ReconcileOutcome.Failed, State("models", "h1")), state, snapshot));

        var back = Detect(good, state, snapshot);
        Assert.Equal("Succeeded", Assert.Single(back).Notification.Outcome);
    }

    [Fact]
    public void Detect_PluginError_IsFailedWhenNotApplied_AndDegradedWhenApplied()
    {
        var snapshot = Snapshot(Plugin("models", "h1"));
        var notApplied = Report(ReconcileOutcome.Degraded, State("models", null, desired: "h1", error: "load failed"));
        Assert.Equal("Failed", ChangeDetector.OutcomeOf(notApplied, notApplied.Plugins[0]));
        var configMapOnly = Report(ReconcileOutcome.Degraded, State("models", "h1", error: "TooLarge"));
        Assert.Equal("Degraded", ChangeDetector.OutcomeOf(configMapOnly, configMapOnly.Plugins[0]));
        Assert.Single(Detect(notApplied, PublishedState.Empty, snapshot));
    }

    [Fact]
    public void Detect_PluginGone_IsAnnouncedOnceAsRemoved_ButNotAfterAFailedPass()
    {
        var state = After(PublishedState.Empty, Detect(Report(ReconcileOutcome.Succeeded, State("models", "h1")), PublishedState.Empty,
            Snapshot(Plugin("models", "h1", ("a", "s1")))));

        Assert.Empty(Detect(Report(ReconcileOutcome.Failed), state, Snapshot()));
        var removed = Detect(Report(ReconcileOutcome.Succeeded), state, Snapshot());

        var notification = Assert.Single(removed).Notification;
        Assert.Equal(("models", (string?)null, "h1"), (notification.Plugin, notification.Hash, notification.PreviousHash));
        Assert.Empty(Detect(Report(ReconcileOutcome.Succeeded), After(state, removed), Snapshot()));
    }

    [Fact]
    public void Detect_WithFiles_SendsTextFiles_ButNeverSecretsYaml()
    {
        var plugin = Plugin("models", "h1") with
        {
            Files = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ReadOnlyMemory<byte>>
            {
                ["sources.yaml"] = Encoding.UTF8.GetBytes("apiVersion: gitops/v1\n"),
                ["secrets.yaml"] = Encoding.UTF8.GetBytes("token: ENC[AES256_GCM,data:abc]\n"),
                ["logo.png"] = new byte[] { 0x89, 0x50, 0xff, 0xfe },
            }),
        };

        var change = Assert.Single(ChangeDetector.Detect(Report(ReconcileOutcome.Succeeded, State("models", "h1")), PublishedState.Empty,
            Snapshot(plugin), includeFiles: true, Now, () => "id")).Notification;

        Assert.Equal(["sources.yaml"], change.Files!.Keys.ToArray());
        Assert.DoesNotContain("ENC[", Encoding.UTF8.GetString(NotificationCanonicalForm.Write(change)));
    }

    [Fact]
    public void CanonicalForm_IsCompactOrderedAscii()
    {
        var notification = new ChangeNotification("e1", "models", "c1", "h2", null, ["b", "a"], "Succeeded",
            new DateTimeOffset(2026, 1, 2, 4, 4, 5, 678, TimeSpan.FromHours(1)), ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("n.yaml", "é<")]));

        var text = Encoding.ASCII.GetString(NotificationCanonicalForm.Write(notification));

        Assert.Equal("""{"v":1,"id":"e1","plugin":"models","commit":"c1","hash":"h2","previousHash":null,"changedSources":["a","b"],"outcome":"Succeeded","time":"2026-01-02T03:04:05.678Z","files":{"n.yaml":"\u00E9\u003C"}}""", text);
    }

    private ImmutableArray<ChangeDetector.Change> Detect(ChangeDetector.Pass report, PublishedState before, ConfigSnapshot snapshot) =>
        ChangeDetector.Detect(report, before, snapshot, includeFiles: false, Now, () => $"id{++_ids}");

    private static PublishedState After(PublishedState state, ImmutableArray<ChangeDetector.Change> changes)
    {
        var plugins = state.Plugins.ToBuilder();
        foreach (var change in changes)
        {
            if (change.After is null) plugins.Remove(change.Notification.Plugin);
            else plugins[change.Notification.Plugin] = change.After;
        }
        return new PublishedState(plugins.ToImmutable());
    }

    private static ChangeDetector.PluginPass State(string name, string? running, string? desired = null, string? error = null) =>
        new(name, desired ?? running, running, error is not null);

    private static ChangeDetector.Pass Report(ReconcileOutcome outcome, params ChangeDetector.PluginPass[] plugins) =>
        new(outcome, "head1", [.. plugins]);

    private static PluginSnapshot Plugin(string name, string hash, params (string Id, string Hash)[] sources) =>
        new(name, hash, new Dictionary<string, object?>(), [], sources.ToImmutableDictionary(s => s.Id, s => s.Hash),
            ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>.Empty, "");

    private static ConfigSnapshot Snapshot(params PluginSnapshot[] plugins) =>
        new("head1", "", "snap", plugins.ToImmutableSortedDictionary(p => p.Name, p => p, StringComparer.Ordinal));
}
