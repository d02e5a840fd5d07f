using Microsoft.AspNetCore.Http.Json;

namespace GitOps.WebhookApi.Http;

/// <summary>Every problem the host writes, its own or the framework's, gets a stable type, the instance path and the request id.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal))
                problem.Type = ProblemTypes.ForStatus(status);
            problem.Detail ??= StatusCodeProblems.Detail(context.HttpContext, status);
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["requestId"] = RequestIds.Get(context.HttpContext);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<JsonOptions>(options => ApiJson.Configure(options.SerializerOptions));
        return services;
    }
}
