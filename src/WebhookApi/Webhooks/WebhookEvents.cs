namespace GitOps.WebhookApi.Webhooks;

/// <summary>The part every provider's delivery handling shares: a missing event header is 400, an event with no handler
/// is acknowledged and ignored, a body that is not the event's JSON payload is 400.</summary>
internal static class WebhookEvents
{
    /// <param name="handle">The provider's handler for an event name; null for an event it does not handle.</param>
    public static WebhookResult Dispatch(string? eventName, string header, Func<string, WebhookResult?> handle)
    {
        if (string.IsNullOrEmpty(eventName)) return new WebhookResult.BadRequest($"missing {header} header");
        try
        {
            return handle(eventName) ?? new WebhookResult.Ignored($"ignored: event {eventName} is not handled");
        }
        catch (JsonException)
        {
            return new WebhookResult.BadRequest("body is not the JSON payload of the event");
        }
    }

    /// <summary>Why a pull or merge request event is not validated, or null when it is: only actions that propose a new
    /// head (<paramref name="validatedActions"/>) into the tracked branch are.</summary>
    /// <param name="eventKind">How the action is named in the message ("pull_request", "merge request").</param>
    /// <param name="requestKind">How the request is named in the message ("pull request", "merge request").</param>
    public static WebhookResult? NotValidated(string eventKind, string requestKind, string action, IReadOnlyCollection<string> validatedActions, string target, string tracked) =>
        !validatedActions.Contains(action) ? new WebhookResult.Ignored($"ignored: {eventKind} action {action} is not validated")
        : target != tracked ? new WebhookResult.Ignored($"ignored: {requestKind} targets {target}, not the tracked branch {tracked}")
        : null;
}
