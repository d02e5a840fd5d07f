using System.Globalization;

namespace GitOps.WebhookApi.Http;

/// <summary>Reads numeric query parameters by hand, so that a bad value (<c>limit=abc</c>, <c>pageSize=1e11</c>) gets a
/// 400 problem naming the parameter and its range instead of the framework's generic binding failure.</summary>
internal static class QueryParameters
{
    /// <returns>The value (or <paramref name="fallback"/> when absent), or the problem to answer with.</returns>
    public static (int Value, ProblemHttpResult? Problem) Int(string name, string? text, int fallback, int min, int max)
    {
        if (text is null) return (fallback, null);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return (value, null);
        var shown = text.Length <= 40 ? text : text[..40] + "…";
        return (0, Problems.BadRequest($"'{name}' must be a whole number between {min} and {max}; got '{shown}'",
            new Dictionary<string, object?> { ["parameter"] = name }));
    }
}
