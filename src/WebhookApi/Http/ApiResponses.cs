using Microsoft.AspNetCore.Mvc;

namespace GitOps.WebhookApi.Http;

/// <summary>The problem answers of an endpoint, for the OpenAPI document. Success answers come from the handlers' typed
/// results (<c>Results&lt;Ok&lt;T&gt;, …&gt;</c>); every problem is a <see cref="ProblemDetails"/> written as
/// <c>application/problem+json</c>, listed here by status.</summary>
internal static class ApiResponses
{
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>Every <c>/api/v1</c> endpoint: 401 without a valid token, 403 without the role.</summary>
    public static readonly int[] Access = [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden];

    /// <summary>Reading a request body (<see cref="RequestBody"/>): malformed (400), too large (413), wrong media type (415),
    /// a field rule broken (422).</summary>
    public static readonly int[] Body = [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity];

    /// <summary>Every commit (<see cref="Mutations"/>): If-Match that never matches (400), nothing to change (404), head moved
    /// or already exists (409), invalid configuration (422), no If-Match (428), store or storage unavailable (503, 507).</summary>
    public static readonly int[] Commit =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity,
        StatusCodes.Status428PreconditionRequired, StatusCodes.Status503ServiceUnavailable, StatusCodes.Status507InsufficientStorage,
    ];

    /// <summary>Lists the statuses as problem answers; a status already listed (by a typed result or an earlier call) is kept once.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        var distinct = statuses.Distinct().ToArray();
        builder.Add(endpoint =>
        {
            foreach (var status in distinct)
            {
                if (endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status)) continue;
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemMediaType]));
            }
        });
        return builder;
    }
}
