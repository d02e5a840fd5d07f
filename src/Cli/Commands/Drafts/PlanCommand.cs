using System.Text;

namespace GitOps.Cli.Commands;

/// <summary><c>gitops plan -f FILE [-f FILE…] [--root DIR] [--delete PATH…] [--base SHA]</c>: the plan of a change not
/// yet saved (<c>POST /api/v1/plan</c>). A file's repository path is its path relative to <c>--root</c> (default: the
/// current directory), e.g. <c>plugins/models/sources.yaml</c>. Nothing is written.</summary>
internal static class PlanCommand
{
    public static Command Create(CommandRunner runner)
    {
        var files = new Option<string[]>("--file", "-f") { Description = "A changed file with its full new text (repeatable)", AllowMultipleArgumentsPerToken = false };
        var root = new Option<string?>("--root") { Description = "The local checkout the files' repository paths are relative to [default: the current directory]", HelpName = "dir" };
        var delete = new Option<string[]>("--delete") { Description = "A repository path the change deletes (repeatable)", HelpName = "path" };
        var @base = new Option<string?>("--base") { Description = "The commit to plan against [default: the tracked head]", HelpName = "sha" };
        var command = runner.Options.WithFormat(new Command("plan", "Preview a change before saving it: sources field by field, entity counts, ConfigMaps, errors (exit 1 when not valid)") { files, root, delete, @base });
        runner.Api(command, async (call, ct) =>
        {
            var body = await BodyAsync(call, call.Parse.GetValue(files) ?? [], call.Parse.GetValue(root), call.Parse.GetValue(delete) ?? [], ct);
            if (body is null) return ExitCode.Invalid;
            if (call.Parse.GetValue(@base) is { } sha)
            {
                if (NameArguments.ShaProblem(sha) is { } problem)
                {
                    call.Context.Error.WriteLine($"error: --base {problem}");
                    return ExitCode.Invalid;
                }
                body["base"] = sha;
            }
            return PlanView.Print(call, await call.Client.SendJsonAsync(HttpMethod.Post, "plan", body, null, null, ct));
        });
        return command;
    }

    private static async Task<JsonObject?> BodyAsync(ApiCall call, string[] files, string? root, string[] deletes, CancellationToken ct)
    {
        var error = call.Context.Error;
        if (files.Length == 0 && deletes.Length == 0)
        {
            error.WriteLine("error: give at least one changed file with -f or one deleted path with --delete");
            return null;
        }
        var rootDirectory = Path.GetFullPath(root ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(rootDirectory))
        {
            error.WriteLine($"error: --root {root}: no such directory");
            return null;
        }
        var changes = new JsonObject();
        foreach (var file in files)
        {
            var path = RepositoryPath(Path.GetRelativePath(rootDirectory, Path.GetFullPath(file)));
            if (path is null)
            {
                error.WriteLine($"error: {file} is not inside --root {rootDirectory}; its repository path is its path relative to --root");
                return null;
            }
            try
            {
                changes[path] = await File.ReadAllTextAsync(file, Encoding.UTF8, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot read {file}: {ex.Message}");
                return null;
            }
        }
        foreach (var deleted in deletes)
        {
            if (RepositoryPath(deleted) is not { } path)
            {
                error.WriteLine($"error: --delete {deleted}: give a repository path such as plugins/models/old.yaml (relative, without '..')");
                return null;
            }
            if (changes.ContainsKey(path))
            {
                error.WriteLine($"error: {path} is both changed (-f) and deleted (--delete)");
                return null;
            }
            changes[path] = null;
        }
        return new JsonObject { ["files"] = changes };
    }

    /// <summary>A relative path with '/' separators and no '.'/'..' segments, or null when it leaves the root.</summary>
    private static string? RepositoryPath(string relative)
    {
        if (Path.IsPathRooted(relative)) return null;
        var parts = relative.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        return parts.Length == 0 || parts.Contains("..") ? null : string.Join('/', parts);
    }
}
