namespace GitOps.Cli.Commands;

/// <summary>How a draft reads in a terminal: a row of <c>draft list</c>, and the detail of <c>draft show</c>.</summary>
internal static class DraftView
{
    /// <summary>The columns of <c>draft list</c>: the draft, who opened it, how far it got.</summary>
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        .. new[] { ("ID", "id"), ("STATE", "state"), ("TITLE", "title"), ("AUTHOR", "author.name") }.Select(c => TableColumn.Path(c.Item1, c.Item2)),
        new("COMMITS", d => JsonItems.Of(JsonText.Node(d, "commits")).Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("APPROVALS", d => $"{ValidApprovals(d)}/{JsonText.At(d, "requiredApprovals")}"),
        new("HEAD", d => ConflictReport.Short(JsonText.At(d, "head"))),
        TableColumn.Path("CREATED", "created"),
    ];

    /// <summary>"1 of 2 approvals (1 missing)".</summary>
    public static string Approvals(JsonNode? draft)
    {
        var missing = JsonText.At(draft, "missingApprovals");
        return $"{ValidApprovals(draft)} of {JsonText.At(draft, "requiredApprovals")} required approvals{(missing is "" or "0" ? "" : $" ({missing} missing)")}";
    }

    public static void Write(TextWriter output, JsonNode? draft)
    {
        var published = JsonText.Node(draft, "published");
        TableWriter.WriteFields(output,
        [
            ("Id", JsonText.At(draft, "id")),
            ("Title", JsonText.At(draft, "title")),
            ("State", JsonText.At(draft, "state")),
            ("Branch", JsonText.At(draft, "branch")),
            ("Author", $"{JsonText.At(draft, "author.name")} <{JsonText.At(draft, "author.email")}>"),
            ("Created", JsonText.At(draft, "created")),
            ("Base", JsonText.At(draft, "base")),
            ("Head", JsonText.At(draft, "head")),
            ("Plugins", JsonText.At(draft, "plugins")),
            ("Approvals", Approvals(draft)),
            ("Published", published is JsonObject ? $"{JsonText.At(published, "commit")} at {JsonText.At(published, "at")}" : "—"),
        ]);
        output.WriteLine();
        output.WriteLine("Commits (newest first):");
        var commits = JsonItems.Of(JsonText.Node(draft, "commits"));
        if (commits.Count == 0) output.WriteLine("  none yet: make changes with --draft <id> on any changing command");
        foreach (var commit in commits)
            output.WriteLine($"  {ConflictReport.Short(JsonText.At(commit, "sha"))}  {JsonText.At(commit, "summary")}  ({JsonText.At(commit, "author.name")}, {JsonText.At(commit, "date")})");
        var approvals = JsonItems.Of(JsonText.Node(draft, "approvals"));
        if (approvals.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Approvals:");
        foreach (var approval in approvals)
        {
            var valid = JsonText.At(approval, "valid") == "true" ? "valid" : "void (the draft moved since)";
            output.WriteLine($"  {JsonText.At(approval, "name")} <{JsonText.At(approval, "email")}> at {ConflictReport.Short(JsonText.At(approval, "head"))}, {JsonText.At(approval, "at")}: {valid}");
        }
    }

    private static int ValidApprovals(JsonNode? draft) =>
        JsonItems.Of(JsonText.Node(draft, "approvals")).Count(a => JsonText.At(a, "valid") == "true");
}
