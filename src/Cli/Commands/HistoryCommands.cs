namespace GitOps.Cli.Commands;

/// <summary><c>gitops history</c>, <c>gitops show &lt;sha&gt;</c> and <c>gitops revert &lt;sha&gt;</c>: the audit trail.</summary>
internal static class HistoryCommands
{
    private static readonly TableColumn[] Columns =
    [
        new("SHA", e => ConflictReport.Short(JsonText.At(e, "sha"))),
        TableColumn.Path("TIME", "time"),
        TableColumn.Path("AUTHOR", "author.name"),
        TableColumn.Path("SUMMARY", "summary"),
        new("SIGNATURE", e => Signature(JsonText.Node(e, "signature"))),
        new("CHANGED", e => string.Join(", ", JsonItems.Of(JsonText.Node(e, "changedSources"))
            .Select(s => $"{JsonText.At(s, "plugin")}/{JsonText.At(s, "source")} ({JsonText.At(s, "change")})"))),
    ];

    /// <summary>The server's own bound (GitConfigStore.MaxHistoryLimit).</summary>
    private const int MaxLimit = GitOps.Reconciler.Git.GitConfigStore.MaxHistoryLimit;

    /// <summary>Signed or not, by whom, verified or not: <c>verified gitops-reconciler</c>, <c>unsigned</c>, <c>NOT verified …</c>.</summary>
    private static string Signature(JsonNode? signature)
    {
        if (JsonText.At(signature, "signed") != "true") return "unsigned";
        var who = JsonText.At(signature, "signer") is { Length: > 0 } signer ? signer : JsonText.At(signature, "keyId");
        return JsonText.At(signature, "verified") switch
        {
            "true" => $"verified {who}",
            "false" => $"NOT verified {who}".TrimEnd(),
            _ => $"signed {who}".TrimEnd(),
        };
    }

    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        yield return History(runner);
        yield return Show(runner);
        yield return Revert(runner);
    }

    private static Command History(CommandRunner runner)
    {
        var plugin = new Option<string?>("--plugin") { Description = "Only commits that touched this plugin" };
        var source = new Option<string?>("--source") { Description = "Only commits that touched a source with this id (in any plugin, or in --plugin)" };
        var limit = new Option<int?>("--limit")
        {
            Description = $"At most this many commits, newest first (1 to {MaxLimit})",
            CustomParser = result => OptionParsers.PositiveInt("--limit", MaxLimit)(result),
        };
        var command = runner.Options.WithFormat(new Command("history", "Commits that changed the configuration: who, when, what and why") { plugin, source, limit });
        runner.Table(command, call =>
        {
            var query = new List<string>();
            if (call.Parse.GetValue(plugin) is { } p) query.Add($"plugin={Uri.EscapeDataString(p)}");
            if (call.Parse.GetValue(source) is { } s) query.Add($"source={Uri.EscapeDataString(s)}");
            if (call.Parse.GetValue(limit) is { } l) query.Add($"limit={l}");
            return query.Count == 0 ? "history" : $"history?{string.Join('&', query)}";
        }, Columns);
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var sha = NameArguments.Sha("Commit sha (full, or abbreviated to at least 4 characters)");
        var command = runner.Options.WithFormat(new Command("show", "One commit with its diff") { sha });
        runner.Show(command, call => $"history/{ApiClient.Segment(call.Value(sha))}", WriteCommit);
        return command;
    }

    private static Command Revert(CommandRunner runner)
    {
        var sha = NameArguments.Sha("The commit to revert (full sha, or abbreviated to at least 4 characters)");
        var confirm = ConfirmRemoveAll.Option();
        var command = runner.Options.Mutating(new Command("revert", "Write a new commit that reverts the given one") { sha, confirm });
        runner.Api(command, async (call, ct) =>
        {
            var target = call.Value(sha);
            var path = $"history/{ApiClient.Segment(target)}";
            return await call.ChangeAsync(
                path,
                ifMatch => call.Client.SendAsync(HttpMethod.Post, ConfirmRemoveAll.Apply($"{path}/revert", call.Parse.GetValue(confirm)), null, ifMatch, call.Context.Reason, ct),
                $"reverted {ConflictReport.Short(target)}", $"the changes of {ConflictReport.Short(target)} are already undone at the current head", ct);
        });
        return command;
    }

    private static void WriteCommit(TextWriter output, JsonNode? commit)
    {
        output.WriteLine($"commit {JsonText.At(commit, "sha")}");
        output.WriteLine($"Author: {JsonText.At(commit, "author.name")} <{JsonText.At(commit, "author.email")}>");
        output.WriteLine($"Date:   {JsonText.At(commit, "time")}");
        output.WriteLine();
        var message = JsonText.At(commit, "message");
        if (message.Length == 0) message = JsonText.At(commit, "summary");
        foreach (var line in message.TrimEnd().Split('\n')) output.WriteLine($"    {line}".TrimEnd());
        foreach (var file in JsonItems.Of(JsonText.Node(commit, "files")))
        {
            output.WriteLine();
            output.WriteLine($"{JsonText.At(file, "status")}: {JsonText.At(file, "path")}");
            var patch = JsonText.At(file, "patch");
            if (patch.Length > 0) output.WriteLine(patch.TrimEnd());
        }
    }
}
