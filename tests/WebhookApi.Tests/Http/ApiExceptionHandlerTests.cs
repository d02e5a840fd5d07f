using System.Text.Json;
using GitOps.WebhookApi.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.WebhookApi.Tests.Http;

public sealed class ApiExceptionHandlerTests
{
    [Fact]
    public async Task UnhandledException_Is500ProblemWithoutStackTraceOrMessage()
    {
        var (context, handler) = Create();

        var handled = await handler.TryHandleAsync(context, new InvalidOperationException("secret internals"), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(500, context.Response.StatusCode);
        var body = Body(context);
        Assert.Equal("urn:gitops:problem:internal", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("requestId").GetString()));
        Assert.DoesNotContain("secret internals", body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyTooLarge_Is413Problem()
    {
        var (context, handler) = Create();

        await handler.TryHandleAsync(context, new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), CancellationToken.None);

        Assert.Equal(413, context.Response.StatusCode);
        Assert.Equal("urn:gitops:problem:payload-too-large", Body(context).GetProperty("type").GetString());
    }

    private static (DefaultHttpContext Context, ApiExceptionHandler Handler) Create()
    {
        var services = new ServiceCollection().AddLogging().AddApiProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = "/api/v1/plugins";
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);
        return (context, handler);
    }

    private static JsonElement Body(DefaultHttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body).RootElement.Clone();
    }
}
