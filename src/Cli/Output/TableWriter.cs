namespace GitOps.Cli.Output;

/// <summary>Writes rows as aligned columns with an upper-case header, like <c>kubectl get</c>.</summary>
internal static class TableWriter
{
    private const string Gap = "   ";

    public static void Write(TextWriter output, IReadOnlyList<TableColumn> columns, IEnumerable<JsonNode> rows)
    {
        var cells = rows.Select(row => columns.Select(c => OneLine(c.Cell(row))).ToArray()).ToList();
        var widths = columns.Select((c, i) => cells.Aggregate(c.Header.Length, (w, r) => Math.Max(w, r[i].Length))).ToArray();
        output.WriteLine(Line(columns.Select(c => c.Header).ToArray(), widths));
        foreach (var row in cells) output.WriteLine(Line(row, widths));
    }

    /// <summary>Writes label/value pairs, labels aligned: the table view of a single resource.</summary>
    public static void WriteFields(TextWriter output, IEnumerable<(string Label, string Value)> fields)
    {
        var list = fields.ToList();
        var width = list.Count == 0 ? 0 : list.Max(f => f.Label.Length) + 1;
        foreach (var (label, value) in list) output.WriteLine($"{(label + ":").PadRight(width)} {value}".TrimEnd());
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(Gap, cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
