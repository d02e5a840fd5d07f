using System.Text.Encodings.Web;

namespace GitOps.Cli.Output;

/// <summary>Prints a result in the chosen format: JSON and YAML print the server's document as it is;
/// table calls the command's own view.</summary>
internal sealed class Renderer(TextWriter output, OutputFormat format)
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public OutputFormat Format => format;

    public void Write(JsonNode? document, Action<TextWriter, JsonNode?> table)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(document?.ToJsonString(Indented) ?? "null");
                break;
            case OutputFormat.Yaml:
                output.Write(YamlText.From(document));
                break;
            default:
                table(output, document);
                break;
        }
    }

    public void Table(JsonNode? document, IReadOnlyList<TableColumn> columns) =>
        Write(document, (o, d) => TableWriter.Write(o, columns, Http.JsonItems.Of(d)));
}
