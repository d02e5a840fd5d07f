namespace GitOps.WebhookApi.Runtime;

/// <summary>The refusals of the refresh endpoints (source and plugin), each counted in the refresh metric.</summary>
internal static class RefreshAnswers
{
    public static ProblemHttpResult NotFound(RuntimeMetrics metrics, RefreshScope scope, string detail)
    {
        metrics.CountRefresh(scope, RefreshOutcome.NotFound);
        return Problems.NotFound(detail);
    }

    public static ProblemHttpResult RateLimited(RuntimeMetrics metrics, HttpContext context, RefreshScope scope, string detail, RateDecision.Limited limited)
    {
        metrics.CountRefresh(scope, RefreshOutcome.RateLimited);
        return Problems.RateLimited(context, $"{detail}; retry in {limited.RetryAfterSeconds} s", limited.RetryAfterSeconds);
    }
}
