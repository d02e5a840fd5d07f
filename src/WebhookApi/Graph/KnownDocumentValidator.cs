using System.Runtime.CompilerServices;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace GitOps.WebhookApi.Graph;

/// <summary>The document validator with a memory for repeated queries: when the executor marks a request as a known
/// document (it passed every rule and the limits before, and comes without variables), its arguments are parsed once per
/// operation and the result reused, since it then depends on the document text alone. Mutations, subscriptions, requests
/// with variables and new documents always go through the full validator.</summary>
internal sealed class KnownDocumentValidator : IDocumentValidator
{
    private readonly DocumentValidator _validator = new();
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, IValidationResult> _results = [];

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var reusable = options.UserContext is GraphContext { KnownDocument: true } && options.Operation.Operation == OperationType.Query
            && (options.Variables is null || options.Variables.Count == 0);
        if (!reusable) return _validator.ValidateAsync(options);
        return _results.TryGetValue(options.Operation, out var known) ? Task.FromResult(known) : RememberAsync(options.Operation, _validator.ValidateAsync(options));
    }

    private async Task<IValidationResult> RememberAsync(GraphQLOperationDefinition operation, Task<IValidationResult> validation)
    {
        var result = await validation;
        if (result.IsValid) _results.TryAdd(operation, result);
        return result;
    }
}
