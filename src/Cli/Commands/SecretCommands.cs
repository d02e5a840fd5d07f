using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Cli.Commands;

/// <summary><c>gitops secrets list|set|delete|rotate|encrypt</c>. Values are read from standard input or a file, never
/// from an argument (arguments end up in shell history and process listings), and are never printed.</summary>
internal static class SecretCommands
{
    private static readonly TableColumn[] Columns =
    [
        TableColumn.Path("NAME", "name"), TableColumn.Path("FORMAT", "format"), TableColumn.Path("KEY ID", "keyId"),
        TableColumn.Path("LAST COMMIT", "lastCommit"), TableColumn.Path("BY", "lastChangedBy"),
    ];

    private static readonly TableColumn[] KeyColumns = [TableColumn.Path("KEY ID", "id"), TableColumn.Path("VALUES", "values"), TableColumn.Path("NEWEST", "newest")];

    public static Command Create(CommandRunner runner)
    {
        var options = runner.Options;
        var secrets = new Command("secrets", "Encrypted secret values: write-only names per plugin, key rotation, age encryption for contributors");

        var listPlugin = new Argument<string?>("plugin") { Description = "Plugin name; without it, how many values each key protects", Arity = ArgumentArity.ZeroOrOne };
        var list = options.WithFormat(new Command("list", "List a plugin's secret names (never values), or key usage") { listPlugin });
        runner.Api(list, async (call, ct) =>
        {
            var plugin = call.Parse.GetValue(listPlugin);
            var response = await call.Client.GetAsync(plugin is null ? "secrets" : $"plugins/{ApiClient.Segment(plugin)}/secrets", ct);
            if (!response.IsSuccess) return call.Fail(response);
            var json = response.Json();
            if (plugin is not null) call.Context.Renderer.Table(json?["secrets"], Columns);
            else
            {
                call.Context.Renderer.Table(json?["keys"], KeyColumns);
                if (call.Context.Renderer.Format == OutputFormat.Table)
                    call.Context.Out.WriteLine($"age values (not yet rotated into envelopes): {json?["ageValues"]}; recipient: {json?["recipient"]}");
            }
            return ExitCode.Ok;
        });

        var setPlugin = PluginArgument();
        var setName = NameArgument();
        var setFile = FileOption();
        var set = options.Mutating(new Command("set", "Set or replace a value, read from standard input or --file (one trailing newline is dropped)") { setPlugin, setName, setFile });
        runner.Api(set, async (call, ct) =>
        {
            var (plugin, name) = (call.Value(setPlugin), call.Value(setName));
            if (await ReadValueAsync(call, call.Parse.GetValue(setFile), ct) is not { } value) return ExitCode.Invalid;
            var path = $"plugins/{ApiClient.Segment(plugin)}/secrets/{ApiClient.Segment(name)}";
            return await call.ChangeAsync(
                $"plugins/{ApiClient.Segment(plugin)}/secrets",
                ifMatch => call.Client.SendJsonAsync(HttpMethod.Put, path, new JsonObject { ["value"] = value }, ifMatch, call.Context.Reason, ct),
                response => $"set {plugin}/{name} (key {response.Json()?["keyId"]})", $"{plugin}/{name} already holds that value", ct);
        });

        var deletePlugin = PluginArgument();
        var deleteName = NameArgument();
        var delete = options.Mutating(new Command("delete", "Delete a value") { deletePlugin, deleteName });
        runner.Api(delete, async (call, ct) =>
        {
            var (plugin, name) = (call.Value(deletePlugin), call.Value(deleteName));
            var path = $"plugins/{ApiClient.Segment(plugin)}/secrets/{ApiClient.Segment(name)}";
            return await call.DeleteAsync($"plugins/{ApiClient.Segment(plugin)}/secrets", path, $"deleted {plugin}/{name}", $"{plugin}/{name} was already absent", ct);
        });

        var rotate = options.Mutating(new Command("rotate", "Re-encrypt every value to the newest key of the server's key ring, as one commit"));
        runner.Api(rotate, async (call, ct) => await call.ChangeAsync(
            "secrets",
            ifMatch => call.Client.SendAsync(HttpMethod.Post, "secrets/rotate", null, ifMatch, call.Context.Reason, ct),
            response => $"rotated {response.Json()?["rotated"]} value(s) to key {response.Json()?["keyId"]}", "every value already uses the newest key", ct));

        var recipient = new Option<string?>("--recipient", "-r") { Description = "The age recipient (age1…); default: the server's (GET /api/v1/secrets/recipient)" };
        var encryptFile = FileOption();
        var encrypt = new Command("encrypt", "Encrypt a value (standard input or --file) to the server's age recipient and print it armored, for secrets.yaml in a pull request; needs no server key") { recipient, encryptFile };
        runner.Api(encrypt, async (call, ct) =>
        {
            var text = call.Parse.GetValue(recipient);
            if (text is null)
            {
                var response = await call.Client.GetAsync("secrets/recipient", ct);
                if (!response.IsSuccess) return call.Fail(response);
                text = response.Body.Trim();
            }
            if (AgeRecipient.TryParse(text) is not { } target)
            {
                call.Context.Error.WriteLine($"error: '{text}' is not an age X25519 recipient (age1…)");
                return ExitCode.Invalid;
            }
            if (await ReadValueAsync(call, call.Parse.GetValue(encryptFile), ct) is not { } value) return ExitCode.Invalid;
            await call.Context.Out.WriteAsync(SecretCipher.EncryptForRecipient(target, value));
            return ExitCode.Ok;
        });

        secrets.Add(list);
        secrets.Add(set);
        secrets.Add(delete);
        secrets.Add(rotate);
        secrets.Add(encrypt);
        return secrets;
    }

    /// <summary>The value from --file or standard input, without one trailing newline (what <c>echo</c> and editors add).</summary>
    private static async Task<string?> ReadValueAsync(ApiCall call, string? file, CancellationToken ct)
    {
        string value;
        try
        {
            value = file is null ? await call.Context.Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(file, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            call.Context.Error.WriteLine($"error: cannot read {file}: {ex.Message}");
            return null;
        }
        if (value.EndsWith("\r\n", StringComparison.Ordinal)) value = value[..^2];
        else if (value.EndsWith('\n')) value = value[..^1];
        if (value.Length == 0)
        {
            call.Context.Error.WriteLine($"error: no value: pipe it to standard input or pass --file <path> (values are never taken from arguments)");
            return null;
        }
        return value;
    }

    private static Option<string?> FileOption() => new("--file", "-f") { Description = "Read the value from this file instead of standard input", HelpName = "path" };

    private static Argument<string> PluginArgument() => new("plugin") { Description = "Plugin name" };

    private static Argument<string> NameArgument() => new("name") { Description = "Secret name (letters, digits, '.', '_', '-')" };
}
