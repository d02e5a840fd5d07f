using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using ValidationError = GraphQL.Validation.ValidationError;

namespace GitOps.WebhookApi.Graph;

/// <summary>Runs one GraphQL-over-HTTP request: read (size limit), parse, GET only for queries, execute with the depth and
/// cost limits, the timeout and introspection for authenticated callers only, then answer as JSON or as graphql-sse.</summary>
internal sealed partial class GraphExecutor(
    IDocumentExecuter<GraphSchema> executer, GraphSerializer serializer, IOptions<GraphOptions> options,
    ValidatedDocuments validated, ILogger<GraphExecutor> logger)
{
    public const string DepthLimit = "DEPTH_LIMIT";
    public const string CostLimit = "COST_LIMIT";
    public const string Timeout = "TIMEOUT";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    public async Task HandleAsync(HttpContext http)
    {
        var limits = options.Value;
        var sse = Accepts(http, GraphEndpoints.EventStreamMediaType);
        var mediaType = sse ? GraphEndpoints.EventStreamMediaType : ResponseType(http);
        if (mediaType is null)
        {
            await RefuseAsync(http, GraphEndpoints.ResponseMediaType, 406, "NOT_ACCEPTABLE",
                $"Accept {GraphEndpoints.ResponseMediaType}, application/json or {GraphEndpoints.EventStreamMediaType}");
            return;
        }
        var read = await GraphRequestReader.ReadAsync(http, serializer, limits);
        if (read.Request is not { } request)
        {
            await RefuseAsync(http, mediaType, read.Status, read.Code!, read.Message!);
            return;
        }
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            await RefuseAsync(http, mediaType, 400, GraphErrors.BadRequest, "'query' is required");
            return;
        }

        var authenticated = http.User.Identity?.IsAuthenticated == true;
        var known = validated.Find(request.Query, authenticated);
        GraphQLDocument document;
        try
        {
            document = known ?? Parser.Parse(request.Query, new ParserOptions { MaxDepth = 64 });
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            await RefuseAsync(http, mediaType, 400, "GRAPHQL_PARSE_FAILED", ex.Message);
            return;
        }
        catch (GraphQLMaxDepthExceededException ex)
        {
            await RefuseAsync(http, mediaType, 400, DepthLimit, $"The document is nested deeper than the parser allows: {ex.Message}");
            return;
        }

        var operation = Operation(document, request.OperationName);
        if (operation is null)
        {
            await RefuseAsync(http, mediaType, 400, GraphErrors.BadRequest,
                request.OperationName is null ? "The document has no operation, or several and no operationName" : $"No operation named '{request.OperationName}'");
            return;
        }
        if (HttpMethods.IsGet(http.Request.Method) && operation.Operation != OperationType.Query)
        {
            http.Response.Headers.Allow = "POST";
            await RefuseAsync(http, mediaType, 405, "METHOD_NOT_ALLOWED", $"GET runs queries only; send the {operation.Operation.ToString().ToLowerInvariant()} with POST");
            return;
        }
        if (operation.Operation == OperationType.Subscription && !sse)
        {
            await RefuseAsync(http, mediaType, 400, GraphErrors.BadRequest, $"Subscriptions are served as Server-Sent Events: send Accept: {GraphEndpoints.EventStreamMediaType} (graphql-sse)");
            return;
        }

        var streaming = operation.Operation == OperationType.Subscription;
        var noVariables = request.Variables is null || request.Variables.Count == 0;
        var limitsKnown = known is not null && noVariables && validated.WithinLimitsWithoutVariables(request.Query, authenticated);
        var result = await ExecuteAsync(http, request, document, known is not null, limitsKnown, streaming ? null : limits.Timeout);
        if (known is null && result.Executed) validated.Remember(request.Query, authenticated, document);
        if (!limitsKnown && noVariables && result.Executed) validated.RememberWithinLimitsWithoutVariables(request.Query, authenticated);
        if (sse)
        {
            await GraphSse.WriteAsync(http, result, serializer, http.RequestAborted);
            return;
        }
        http.Response.StatusCode = result.Executed || mediaType == "application/json" ? 200 : 400;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteResponseAsync(http.Response, result, http.RequestAborted);
    }

    private async Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request, GraphQLDocument document, bool validatedBefore, bool limitsKnown, TimeSpan? timeout)
    {
        var authenticated = http.User.Identity?.IsAuthenticated == true;
        IEnumerable<IValidationRule> limits = limitsKnown ? [] : [new ComplexityValidationRule(new ComplexityOptions { ValidateComplexityDelegate = CheckLimits })];
        var rules = validatedBefore ? limits : DocumentValidator.CoreRules.Concat(limits);
        if (!authenticated && !validatedBefore) rules = rules.Append(NoIntrospectionValidationRule.Instance);
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            User = http.User,
            UserContext = new GraphContext(http, knownDocument: validatedBefore && limitsKnown),
            RequestServices = http.RequestServices,
            CancellationToken = http.RequestAborted,
            ValidationRules = rules,
            Timeout = timeout ?? System.Threading.Timeout.InfiniteTimeSpan,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            UnhandledExceptionDelegate = context =>
            {
                LogUnhandled(logger, context.OriginalException, context.Context?.Operation?.Name?.StringValue ?? "");
                context.ErrorMessage = "Internal error; the server log has the details";
                return Task.CompletedTask;
            },
        });
        Label(result, authenticated);
        return result;
    }

    /// <summary>Depth and cost checked before execution; the refusal says the computed value and the limit.</summary>
    private Task CheckLimits(ComplexityValidationContext context)
    {
        var limits = options.Value;
        if (context.MaxDepth > limits.MaxDepth)
            context.Error = LimitError(DepthLimit, $"The query is {context.MaxDepth} levels deep; the depth limit is {limits.MaxDepth}", context.MaxDepth, limits.MaxDepth);
        else if (context.TotalImpact > limits.MaxCost)
            context.Error = LimitError(CostLimit, $"The query's computed cost is {context.TotalImpact:0}; the cost limit is {limits.MaxCost}. Ask for fewer items (first) or fewer nested lists",
                context.TotalImpact, limits.MaxCost);
        return Task.CompletedTask;
    }

    private static ValidationError LimitError(string code, string message, double value, double limit)
    {
        var error = new ValidationError(message) { Code = code };
        error.AddExtension("limit", code == DepthLimit ? "maxDepth" : "maxCost");
        error.AddExtension("computed", value);
        error.AddExtension("maximum", limit);
        return error;
    }

    /// <summary>Gives library errors the stable codes clients switch on.</summary>
    private void Label(ExecutionResult result, bool authenticated)
    {
        foreach (var error in result.Errors ?? [])
        {
            if (error is NoIntrospectionError)
            {
                error.Code = authenticated ? IntrospectionDisabled : GraphErrors.Unauthenticated;
                error.AddExtension("limit", "introspection");
            }
            else if (error is TimeoutError || error.InnerException is TimeoutException)
            {
                error.Code = Timeout;
                error.AddExtension("limit", "timeout");
                error.AddExtension("maximum", options.Value.Timeout.TotalSeconds);
            }
        }
    }

    private static GraphQLOperationDefinition? Operation(GraphQLDocument document, string? name)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return name is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == name);
    }

    private async Task RefuseAsync(HttpContext http, string mediaType, int status, string code, string message)
    {
        var error = GraphErrors.Create(code, message);
        var result = new ExecutionResult { Errors = [error] };
        if (mediaType == GraphEndpoints.EventStreamMediaType) mediaType = GraphEndpoints.ResponseMediaType;
        http.Response.StatusCode = mediaType == "application/json" && status < 405 && status != 413 ? 200 : status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteResponseAsync(http.Response, result, http.RequestAborted);
    }

    /// <summary>The answer's media type: graphql-response+json unless the client accepts only application/json.</summary>
    private static string? ResponseType(HttpContext http)
    {
        var accept = http.Request.Headers.Accept.ToString();
        if (accept.Length == 0 || Accepts(http, GraphEndpoints.ResponseMediaType) || accept.Contains("*/*", StringComparison.Ordinal)
            || accept.Contains("application/*", StringComparison.Ordinal)) return GraphEndpoints.ResponseMediaType;
        return Accepts(http, "application/json") ? "application/json" : null;
    }

    private static bool Accepts(HttpContext http, string mediaType) =>
        http.Request.Headers.Accept.ToString().Contains(mediaType, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL operation {Operation} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string operation);
}
