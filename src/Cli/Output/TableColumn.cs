namespace GitOps.Cli.Output;

/// <summary>One column of a table: its header and how to read the cell from a row.</summary>
internal sealed record TableColumn(string Header, Func<JsonNode, string> Cell)
{
    /// <summary>A column showing the value at a dotted path such as <c>status.state</c>.</summary>
    public static TableColumn Path(string header, string path) => new(header, row => JsonText.At(row, path));

    /// <summary>Columns from a spec like kubectl's custom-columns: <c>HEADER:path,HEADER:path</c> (e.g. <c>ID:id,STATE:status.state</c>).</summary>
    public static TableColumn[] Paths(string spec) =>
        [.. spec.Split(',').Select(column => column.Split(':', 2)).Select(parts => Path(parts[0], parts[1]))];
}
