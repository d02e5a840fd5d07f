namespace GitOps.Reconciler.Configuration;

/// <summary>Free-form values (plugin <c>config:</c> blocks, source <c>properties:</c>) are plain CLR values:
/// <c>string</c>, <c>long</c>, <c>double</c>, <c>bool</c>, <c>null</c>, <c>IReadOnlyList&lt;object?&gt;</c> and
/// <c>IReadOnlyDictionary&lt;string, object?&gt;</c> (insertion-ordered). System.Text.Json serializes them as they are.</summary>
public static class FreeForm
{
    public static IReadOnlyDictionary<string, object?> EmptyMap { get; } = new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(new OrderedDictionary<string, object?>());
}
