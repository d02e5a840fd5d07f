using GitOps.Reconciler.Plugins;
using GitOps.WebhookApi.Runtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.WebhookApi.Tests.Runtime;

public sealed class RefreshRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    private RefreshRateLimiter NewLimiter(int perSource = 1, int perPlugin = 1, int windowSeconds = 30) =>
        new(Options.Create(new RateLimitOptions
        {
            SourceRefreshPerWindow = perSource,
            PluginRefreshPerWindow = perPlugin,
            Window = TimeSpan.FromSeconds(windowSeconds),
        }), _time);

    [Fact]
    public void TryAcquire_SecondWithinTheWindow_IsLimitedForTheRestOfTheWindow()
    {
        using var limiter = NewLimiter();

        Assert.IsType<RateDecision.Allowed>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
        _time.Advance(TimeSpan.FromSeconds(10.5));

        var limited = Assert.IsType<RateDecision.Limited>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
        Assert.Equal(20, limited.RetryAfterSeconds); // 19.5 s rounded up
    }

    [Fact]
    public void TryAcquire_AfterRetryAfterSeconds_IsAllowed()
    {
        using var limiter = NewLimiter();
        limiter.TryAcquire(RefreshScope.Source, "models/a");
        _time.Advance(TimeSpan.FromSeconds(0.25));
        var limited = Assert.IsType<RateDecision.Limited>(limiter.TryAcquire(RefreshScope.Source, "models/a"));

        _time.Advance(TimeSpan.FromSeconds(limited.RetryAfterSeconds - 1));
        Assert.IsType<RateDecision.Limited>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<RateDecision.Allowed>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
        Assert.IsType<RateDecision.Limited>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
    }

    [Fact]
    public void TryAcquire_BucketsArePerKeyAndPerScope()
    {
        using var limiter = NewLimiter();

        Assert.IsType<RateDecision.Allowed>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
        Assert.IsType<RateDecision.Allowed>(limiter.TryAcquire(RefreshScope.Source, "models/b"));
        Assert.IsType<RateDecision.Allowed>(limiter.TryAcquire(RefreshScope.Plugin, "models"));
        Assert.IsType<RateDecision.Limited>(limiter.TryAcquire(RefreshScope.Plugin, "models"));
    }

    [Fact]
    public void TryAcquire_SeveralPerWindow_AllowsThatManyThenLimits()
    {
        using var limiter = NewLimiter(perSource: 3);

        for (var i = 0; i < 3; i++) Assert.IsType<RateDecision.Allowed>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
        Assert.IsType<RateDecision.Limited>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
        _time.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 3; i++) Assert.IsType<RateDecision.Allowed>(limiter.TryAcquire(RefreshScope.Source, "models/a"));
    }
}
