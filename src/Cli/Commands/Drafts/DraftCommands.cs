namespace GitOps.Cli.Commands;

/// <summary><c>gitops draft create|list|show|plan|approve|publish|abandon</c>: prepare a change on a branch
/// <c>drafts/&lt;id&gt;</c>, see its plan, have it approved and publish it as one commit (docs/DRAFTS.md).
/// Changes are made inside a draft with <c>--draft &lt;id&gt;</c> on any changing command.</summary>
internal static class DraftCommands
{
    private static readonly string[] States = ["Open", "Published", "Abandoned"];

    public static Command Create(CommandRunner runner)
    {
        var draft = new Command("draft", "Drafts: prepare a change on a branch, see its plan, approve it, publish it as one commit");
        draft.Add(CreateCommand(runner));
        draft.Add(List(runner));
        var showId = DraftPaths.Argument();
        var show = runner.Options.WithFormat(new Command("show", "One draft: base, head, commits, plugins touched, approvals") { showId });
        runner.Show(show, call => DraftPaths.Draft(call.Value(showId)), DraftView.Write);
        draft.Add(show);
        var planId = DraftPaths.Argument();
        var plan = runner.Options.WithFormat(new Command("plan", "What publishing the draft would change: sources field by field, entity counts, ConfigMaps, errors (exit 1 when not valid)") { planId });
        runner.Api(plan, async (call, ct) => PlanView.Print(call, await call.Client.GetAsync($"{DraftPaths.Draft(call.Value(planId))}/plan", ct)));
        draft.Add(plan);
        draft.Add(Approve(runner));
        draft.Add(Publish(runner));
        draft.Add(Abandon(runner));
        return draft;
    }

    private static Command CreateCommand(CommandRunner runner)
    {
        var title = new Option<string>("--title") { Description = "What the change is for; becomes the summary of the published commit", Required = true };
        var name = new Option<string?>("--name") { Description = "The draft id (a git branch name component) [default: a slug of the title plus 6 hex characters]" };
        var @base = new Option<string?>("--base") { Description = "The commit the draft starts from [default: the tracked head]", HelpName = "sha" };
        var command = runner.Options.WithFormat(new Command("create", "Open a draft: the branch drafts/<id> at the tracked head (or --base)") { title, name, @base });
        runner.Api(command, async (call, ct) =>
        {
            var body = new JsonObject { ["title"] = call.Value(title) };
            if (string.IsNullOrWhiteSpace(call.Value(title)))
            {
                call.Context.Error.WriteLine("error: --title must not be empty");
                return ExitCode.Invalid;
            }
            if (call.Parse.GetValue(name) is { } id)
            {
                if (DraftPaths.NameProblem(id) is { } problem)
                {
                    call.Context.Error.WriteLine($"error: --name {problem}");
                    return ExitCode.Invalid;
                }
                body["name"] = id;
            }
            if (call.Parse.GetValue(@base) is { } sha)
            {
                if (NameArguments.ShaProblem(sha) is { } problem)
                {
                    call.Context.Error.WriteLine($"error: --base {problem}");
                    return ExitCode.Invalid;
                }
                body["base"] = sha;
            }
            var response = await call.Client.SendJsonAsync(HttpMethod.Post, "drafts", body, null, null, ct);
            return Done(call, response, d => $"created draft {JsonText.At(d, "id")}: branch {JsonText.At(d, "branch")} at {ConflictReport.Short(JsonText.At(d, "head"))}");
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var state = new Option<string?>("--state") { Description = "Only drafts in this state: Open, Published or Abandoned", HelpName = "state" };
        state.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (!States.Contains(text, StringComparer.OrdinalIgnoreCase)) result.AddError($"--state takes Open, Published or Abandoned, not '{text}'");
        });
        var command = runner.Options.WithFormat(new Command("list", "Drafts, newest first") { state });
        runner.Api(command, async (call, ct) =>
        {
            var wanted = call.Parse.GetValue(state) is { } s ? States.First(x => x.Equals(s, StringComparison.OrdinalIgnoreCase)) : null;
            var response = await call.Client.GetAsync(wanted is null ? "drafts" : $"drafts?state={wanted}", ct);
            if (!response.IsSuccess) return call.Fail(response);
            var document = response.Json();
            call.Context.Renderer.Write(document, (output, d) => TableWriter.Write(output, DraftView.Columns, JsonItems.Of(JsonText.Node(d, "drafts"))));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Approve(CommandRunner runner)
    {
        var id = DraftPaths.Argument();
        var command = runner.Options.WithFormat(new Command("approve", "Approve the draft at its current head (not your own; void once its head moves)") { id });
        runner.Api(command, async (call, ct) =>
        {
            var response = await call.Client.SendAsync(HttpMethod.Post, $"{DraftPaths.Draft(call.Value(id))}/approvals", null, null, null, ct);
            return Done(call, response, d => $"approved draft {JsonText.At(d, "id")} at {ConflictReport.Short(JsonText.At(d, "head"))}: {DraftView.Approvals(d)}");
        });
        return command;
    }

    private static Command Publish(CommandRunner runner)
    {
        var id = DraftPaths.Argument();
        var options = runner.Options;
        var command = new Command("publish", "Land the draft on the tracked branch as one commit (If-Match: the draft's head), then reconcile") { id, options.Format, options.Reason, options.IfMatch };
        runner.Api(command, async (call, ct) =>
        {
            var path = DraftPaths.Draft(call.Value(id));
            return await call.ChangeAsync(
                path,
                ifMatch => call.Client.SendAsync(HttpMethod.Post, $"{path}:publish", null, ifMatch, call.Context.Reason, ct),
                response => $"published draft {call.Value(id)} as commit {ConflictReport.Short(JsonText.At(response.Json(), "commit"))}",
                $"draft {call.Value(id)} changes nothing", ct);
        });
        return command;
    }

    private static Command Abandon(CommandRunner runner)
    {
        var id = DraftPaths.Argument();
        var command = runner.Options.WithFormat(new Command("abandon", "Close the draft without publishing; its branch is kept as archive/drafts/<id>") { id });
        runner.Api(command, async (call, ct) =>
        {
            var response = await call.Client.SendAsync(HttpMethod.Delete, DraftPaths.Draft(call.Value(id)), null, null, null, ct);
            return Done(call, response, d => $"abandoned draft {JsonText.At(d, "id")}; its branch is kept as {Archived(JsonText.At(d, "branch"))}");
        });
        return command;
    }

    /// <summary>An abandoned draft's branch is kept under <c>archive/</c> (the server may already name it so).</summary>
    private static string Archived(string branch) => branch.StartsWith("archive/", StringComparison.Ordinal) ? branch : $"archive/{branch}";

    /// <summary>Prints a draft the server answered with as one sentence (or the document), or the problem.</summary>
    private static int Done(ApiCall call, ApiResponse response, Func<JsonNode?, string> sentence)
    {
        if (!response.IsSuccess) return call.Fail(response);
        call.Context.Renderer.Write(response.Json(), (output, d) => output.WriteLine(sentence(d)));
        return ExitCode.Ok;
    }
}
