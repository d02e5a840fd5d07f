namespace GitOps.WebhookApi.Http;

/// <summary>A write request checked and turned into a <see cref="Change"/>, or the problem that stops it. Built once from
/// parsed input by the same code for every API (REST, GraphQL), so both apply the same rules.</summary>
internal sealed record Command(Change? Change, ProblemHttpResult? Problem)
{
    public static implicit operator Command(Change change) => new(change, null);

    public static Command Refuse(ProblemHttpResult problem) => new(null, problem);
}
