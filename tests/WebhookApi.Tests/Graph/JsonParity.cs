using System.Globalization;
using System.Text.Json;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>Deep JSON equality of a REST body and GraphQL data: same members, same values; timestamps compare as instants
/// (the two serializers may spell the same instant differently).</summary>
public static class JsonParity
{
    public static void AssertSame(JsonElement rest, JsonElement graph, string path = "$")
    {
        if (rest.ValueKind == JsonValueKind.String && graph.ValueKind == JsonValueKind.String)
        {
            var (a, b) = (rest.GetString()!, graph.GetString()!);
            if (a != b && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.None, out var x)
                && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.None, out var y))
            {
                Assert.True(x == y, $"{path}: {a} != {b}");
                return;
            }
            Assert.True(a == b, $"{path}: REST '{a}' != GraphQL '{b}'");
            return;
        }
        Assert.True(rest.ValueKind == graph.ValueKind, $"{path}: REST {rest.ValueKind} != GraphQL {graph.ValueKind} ({rest} / {graph})");
        switch (rest.ValueKind)
        {
            case JsonValueKind.Object:
                var restNames = rest.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                // GraphQL answers every selected nullable field; REST leaves out some that are null (e.g. a gitops/v1 source's section).
                var graphNames = graph.EnumerateObject()
                    .Where(p => p.Value.ValueKind != JsonValueKind.Null || rest.TryGetProperty(p.Name, out _))
                    .Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                Assert.True(restNames.SequenceEqual(graphNames), $"{path}: members differ: REST [{string.Join(",", restNames)}] GraphQL [{string.Join(",", graphNames)}]");
                foreach (var property in rest.EnumerateObject()) AssertSame(property.Value, graph.GetProperty(property.Name), $"{path}.{property.Name}");
                break;
            case JsonValueKind.Array:
                Assert.True(rest.GetArrayLength() == graph.GetArrayLength(), $"{path}: lengths {rest.GetArrayLength()} != {graph.GetArrayLength()}");
                for (var i = 0; i < rest.GetArrayLength(); i++) AssertSame(rest[i], graph[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                Assert.True(rest.GetDouble() == graph.GetDouble(), $"{path}: {rest} != {graph}");
                break;
            default:
                Assert.True(rest.ToString() == graph.ToString(), $"{path}: {rest} != {graph}");
                break;
        }
    }
}
