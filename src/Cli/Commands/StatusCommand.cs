namespace GitOps.Cli.Commands;

/// <summary><c>gitops status</c>: head, mode, the last reconcile pass and drift per plugin.</summary>
internal static class StatusCommand
{
    private static readonly TableColumn[] Columns =
    [
        TableColumn.Path("PLUGIN", "name"),
        new("DESIRED", p => ConflictReport.Short(JsonText.At(p, "desiredHash"))),
        new("RUNNING", p => ConflictReport.Short(JsonText.At(p, "runningHash"))),
        new("CONFIGMAP", p => ConflictReport.Short(JsonText.At(p, "configMapHash"))),
        new("DRIFT", Drift),
        TableColumn.Path("ERROR", "error"),
    ];

    public static Command Create(CommandRunner runner)
    {
        var command = runner.Options.WithFormat(new Command("status", "Head, mode, last reconcile and drift per plugin"));
        runner.Show(command, call => "status", Write);
        return command;
    }

    private static void Write(TextWriter output, JsonNode? status)
    {
        var reconcile = JsonText.Node(status, "lastReconcile");
        var fields = new List<(string, string)>
        {
            ("Head", JsonText.At(status, "head")),
            ("Snapshot hash", JsonText.At(status, "snapshotHash")),
            ("Mode", $"{JsonText.At(status, "mode")} ({JsonText.At(status, "mutationsMode")})".Replace(" ()", "", StringComparison.Ordinal)),
        };
        if (JsonText.Node(status, "leader") is JsonObject leader && JsonText.At(leader, "enabled") == "true")
            fields.Add(("Leader", $"{JsonText.At(leader, "identity")}{(JsonText.At(leader, "isLeader") == "true" ? " (this replica)" : "")}"));
        fields.Add(("Last reconcile", reconcile is null
            ? "not yet"
            : $"{JsonText.At(reconcile, "outcome")} at {JsonText.At(reconcile, "startedAt")} in {JsonText.At(reconcile, "durationMs")} ms, applied {ConflictReport.Short(JsonText.At(reconcile, "appliedHead"))}"));
        if (JsonText.At(reconcile, "error") is { Length: > 0 } reconcileError) fields.Add(("Reconcile error", reconcileError));
        if (JsonText.At(status, "lastError") is { Length: > 0 } lastError) fields.Add(("Last error", lastError));
        TableWriter.WriteFields(output, fields);
        if (JsonText.Node(status, "headError") is JsonObject headError)
        {
            output.WriteLine($"The branch head {ConflictReport.Short(JsonText.At(headError, "head"))} is invalid; serving the last good snapshot:");
            foreach (var error in JsonItems.Of(headError["errors"])) output.WriteLine("  " + ProblemReport.FormatError(error));
        }
        foreach (var action in JsonItems.Of(JsonText.Node(reconcile, "actions"))) output.WriteLine($"  {JsonText.Display(action)}");
        output.WriteLine();
        TableWriter.Write(output, Columns, JsonItems.Of(JsonText.Node(status, "plugins")));
    }

    private static string Drift(JsonNode plugin)
    {
        var drift = JsonText.Node(plugin, "drift");
        if (drift is not JsonObject obj) return JsonText.Display(drift);
        var drifted = obj.Where(p => JsonText.Display(p.Value) == "true").Select(p => p.Key).ToList();
        return drifted.Count == 0 ? "none" : string.Join(", ", drifted);
    }
}
