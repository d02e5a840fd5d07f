using System.Collections.Frozen;

namespace GitOps.Reconciler.Plugins;

/// <summary>The registered providers by <c>type</c> (case-sensitive, as written in sources.yaml).</summary>
public sealed class SourceProviderRegistry
{
    private readonly FrozenDictionary<string, ISourceProvider> _byType;

    public SourceProviderRegistry(IEnumerable<ISourceProvider> providers)
    {
        var map = new Dictionary<string, ISourceProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
            if (!map.TryAdd(provider.Type, provider))
                throw new InvalidOperationException($"two source providers registered for type '{provider.Type}'");
        _byType = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<string> Types => _byType.Keys.Order(StringComparer.Ordinal);

    public ISourceProvider? Find(string type) => _byType.GetValueOrDefault(type);
}
