using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GitOps.WebhookApi.Http;

/// <summary>Turns exceptions into problem details: Kestrel's body-limit and bad-request errors keep their status;
/// anything else is a 500 with no stack trace (the request id finds it in the log).</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge, Type = ProblemTypes.PayloadTooLarge, Title = "Payload too large",
                Detail = $"The request body is larger than {ApiLimits.MaxBodyBytes} bytes",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode, Type = ProblemTypes.ForStatus(bad.StatusCode), Title = "Bad request", Detail = bad.Message,
            },
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path, RequestIds.Get(httpContext));
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError, Type = ProblemTypes.Internal, Title = "Internal server error",
                Detail = "An unexpected error occurred; the request id identifies it in the server log",
            };
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path} ({RequestId})")]
    private partial void LogUnhandled(Exception exception, string method, string path, string requestId);
}
