using System.Text.Json.Nodes;
using GitOps.Cli.Output;

namespace GitOps.Cli.Tests.Output;

public sealed class TableWriterTests
{
    [Fact]
    public void Write_RowsOfDifferentWidths_AlignsColumnsUnderHeaders()
    {
        using var output = new StringWriter();
        var rows = new[]
        {
            JsonNode.Parse("""{ "id": "a", "status": { "state": "Ready" } }""")!,
            JsonNode.Parse("""{ "id": "a_much_longer_id", "status": { "state": "Error" } }""")!,
        };

        TableWriter.Write(output, [TableColumn.Path("ID", "id"), TableColumn.Path("STATE", "status.state")], rows);

        var lines = output.ToString().ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        var stateColumn = lines[0].IndexOf("STATE", StringComparison.Ordinal);
        Assert.Equal(stateColumn, lines[1].IndexOf("Ready", StringComparison.Ordinal));
        Assert.Equal(stateColumn, lines[2].IndexOf("Error", StringComparison.Ordinal));
    }
}
