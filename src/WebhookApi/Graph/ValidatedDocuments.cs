using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace GitOps.WebhookApi.Graph;

/// <summary>Documents that passed every validation rule, by query text and whether the caller was authenticated (the
/// introspection rule depends on it). A hit skips parsing and the rules that only depend on the document; the cost limit
/// still runs, as variables (<c>first</c>) change the cost. Bounded: when full, new documents are not remembered.</summary>
internal sealed class ValidatedDocuments
{
    public const int Capacity = 1000;

    private readonly ConcurrentDictionary<(string Query, bool Authenticated), GraphQLDocument> _documents = new();

    public GraphQLDocument? Find(string query, bool authenticated) => _documents.GetValueOrDefault((query, authenticated));

    private readonly ConcurrentDictionary<(string Query, bool Authenticated), bool> _withinLimits = new();

    public void Remember(string query, bool authenticated, GraphQLDocument document)
    {
        if (_documents.Count < Capacity) _documents.TryAdd((query, authenticated), document);
    }

    /// <summary>Whether the document, sent without variables, already passed the depth and cost limits: without variables
    /// its cost depends on the text alone, so the check need not run again.</summary>
    public bool WithinLimitsWithoutVariables(string query, bool authenticated) => _withinLimits.ContainsKey((query, authenticated));

    public void RememberWithinLimitsWithoutVariables(string query, bool authenticated)
    {
        if (_withinLimits.Count < Capacity) _withinLimits.TryAdd((query, authenticated), true);
    }
}
