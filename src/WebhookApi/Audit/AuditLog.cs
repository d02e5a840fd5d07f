namespace GitOps.WebhookApi.Audit;

/// <summary>One structured event per mutation, whatever its outcome (the commit history is the durable audit trail).</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventName = "Audit", Level = LogLevel.Information,
        Message = "Audit {Action} by {Actor} on {Plugin}/{Source}: {OldHead} -> {NewHead} ({RequestId}) {Outcome} under {Grant}")]
    public static partial void Mutation(ILogger logger, string action, string actor, string grant, string plugin, string source,
        string oldHead, string newHead, string requestId, string outcome);
}
