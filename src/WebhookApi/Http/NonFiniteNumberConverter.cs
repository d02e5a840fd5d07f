using System.Globalization;
using System.Text.Json.Serialization;

namespace GitOps.WebhookApi.Http;

/// <summary>JSON has no infinity or NaN, but a YAML file pushed to the repository may hold <c>.inf</c>, <c>-.inf</c>
/// or <c>.nan</c>: every read serves them as those YAML spellings in strings (<c>"x": ".inf"</c>), so anything a commit
/// can hold can be read. Writes refuse non-finite numbers (<see cref="JsonBodyRules"/>).</summary>
internal sealed class NonFiniteNumberConverter : JsonConverter<double>
{
    public const string PositiveInfinity = ".inf";
    public const string NegativeInfinity = "-.inf";
    public const string NaN = ".nan";

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw new JsonException("expected a finite number");

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(Spelling(value));
    }

    public static string Spelling(double value) => value switch
    {
        double.PositiveInfinity => PositiveInfinity,
        double.NegativeInfinity => NegativeInfinity,
        _ when double.IsNaN(value) => NaN,
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
