using GitOps.Reconciler.Secrets;

namespace GitOps.WebhookApi.Secrets;

/// <summary><c>/plugins/{plugin}/secrets</c> and <c>/secrets</c>: values go in as plain text and are committed encrypted;
/// no response carries a value, except the admin-only reveal when <c>GitOps:Secrets:AllowReveal</c> is on (audited).</summary>
internal static partial class SecretEndpoints
{
    public const string RevealDisabled = ProblemTypes.Prefix + "reveal-disabled";
    public const int MaxValueLength = 64 * 1024;

    public static RouteGroupBuilder MapSecretEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/secrets", (HttpContext http, SecretInventory inventory) => TypedResults.Ok(inventory.Status(EntityTags.Snapshot(http))));
        api.MapGet("/secrets/recipient", (SecretCipher cipher) => TypedResults.Text(cipher.Recipient + "\n", "text/plain"))
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        api.MapPost("/secrets/rotate", RotateAsync).RequireAuthorization(Roles.Admin).ProducesProblems(ApiResponses.Commit);

        api.MapGet("/plugins/{plugin}/secrets", List).ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPut("/plugins/{plugin}/secrets/{name}", PutAsync).RequireAuthorization(Roles.Admin).Accepts<SecretValueBody>("application/json")
            .ProducesProblems([.. ApiResponses.Body, .. ApiResponses.Commit]);
        api.MapDelete("/plugins/{plugin}/secrets/{name}", DeleteAsync).RequireAuthorization(Roles.Admin).ProducesProblems(ApiResponses.Commit);
        api.MapPost("/plugins/{plugin}/secrets/{name}/reveal", Reveal).RequireAuthorization(Roles.Admin)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return api;
    }

    private static Results<Ok<PluginSecretsView>, ProblemHttpResult> List(string plugin, HttpContext http, SecretInventory inventory, SecretCipher cipher)
    {
        var snapshot = EntityTags.Snapshot(http);
        return snapshot.FindPlugin(plugin) is { } p
            ? TypedResults.Ok(new PluginSecretsView(plugin, cipher.Ring.Newest.Id, inventory.List(snapshot, p)))
            : Problems.NotFound($"plugin '{plugin}' does not exist");
    }

    private static async Task<Results<Results<Created<SecretEntryView>, Ok<SecretEntryView>>, Accepted<ProposedChange>, ProblemHttpResult>> PutAsync(string plugin, string name, HttpContext http, Mutations mutations, SecretCipher cipher)
    {
        if (!SecretsFile.IsValidName(name)) return InvalidName(name);
        var body = await RequestBody.ReadJsonAsync<SecretValueBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        if (body.Value!.Value is not { Length: > 0 and <= MaxValueLength } value)
            return Problems.BadRequest($"'value' must be a non-empty string of at most {MaxValueLength} characters");
        // Encrypted once, before the edit: the edit may run again on a newer head and must write the same ciphertext.
        var secret = SecretEdits.Envelope(cipher, plugin, name, value);
        var existed = EntityTags.Snapshot(http).FindPlugin(plugin)?.Secrets.Find(name) is not null;
        var verb = existed ? "replace" : "set";
        var change = Change.Edit($"secret.{verb}", plugin, "", $"{plugin}: {verb} secret {name}", s => SecretEdits.Set(s, plugin, secret));
        return await mutations.ApplyAsync(http, change, (snapshot, committed) =>
        {
            var entry = new SecretEntryView(name, "envelope", secret.KeyId, snapshot.Head);
            return committed && !existed
                ? (Results<Created<SecretEntryView>, Ok<SecretEntryView>>)TypedResults.Created($"/api/v1/plugins/{plugin}/secrets/{name}", entry)
                : TypedResults.Ok(entry);
        });
    }

    private static async Task<Results<NoContent, Accepted<ProposedChange>, ProblemHttpResult>> DeleteAsync(string plugin, string name, HttpContext http, Mutations mutations)
    {
        if (!SecretsFile.IsValidName(name)) return InvalidName(name);
        var change = Change.Edit("secret.delete", plugin, "", $"{plugin}: delete secret {name}", s => SecretEdits.Delete(s, plugin, name));
        return await mutations.ApplyAsync(http, change, (_, _) => TypedResults.NoContent());
    }

    private static Task<Results<Ok<RotationView>, Accepted<ProposedChange>, ProblemHttpResult>> RotateAsync(HttpContext http, Mutations mutations, SecretCipher cipher)
    {
        var before = EntityTags.Snapshot(http);
        var pending = before.Plugins.Values.Sum(p => p.Secrets.Secrets.Values.Count(s => s.Format == SecretFormat.Age || s.KeyId != cipher.Ring.Newest.Id));
        var change = Change.Edit("secret.rotate", "", "", $"secrets: re-encrypt {pending} value(s) to key {cipher.Ring.Newest.Id}", s => SecretEdits.Rotate(s, cipher));
        return mutations.ApplyAsync(http, change, (snapshot, committed) =>
            TypedResults.Ok(new RotationView(snapshot.Head, cipher.Ring.Newest.Id, committed ? pending : 0)));
    }

    private static Results<Ok<RevealedSecret>, ProblemHttpResult> Reveal(string plugin, string name, HttpContext http, SecretCipher cipher, IOptions<SecretsOptions> options,
        TimeProvider time, ILogger<SecretInventory> logger)
    {
        if (!options.Value.AllowReveal)
            return Problems.Create(StatusCodes.Status403Forbidden, RevealDisabled, "Reveal disabled",
                $"Reading secret values back is disabled; values are write-only unless {SecretsOptions.SectionName}:AllowReveal is true");
        var snapshot = EntityTags.Snapshot(http);
        if (snapshot.FindPlugin(plugin) is not { } p) return Problems.NotFound($"plugin '{plugin}' does not exist");
        if (p.Secrets.Find(name) is not { } stored) return Problems.NotFound($"secret '{name}' does not exist in plugin '{plugin}'");
        var actor = http.User.Author().Name;
        LogReveal(logger, actor, plugin, name, time.GetUtcNow());
        http.Response.Headers.CacheControl = "no-store";
        return cipher.Decrypt(plugin, name, stored.Value) switch
        {
            SecretDecryption.Decrypted d => TypedResults.Ok(new RevealedSecret(name, d.KeyId, d.Value)),
            SecretDecryption.Failed f => Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Cannot decrypt",
                $"plugins/{plugin}/{SecretsFile.FileName}: {SecretsFile.FieldPath(name)} (key id '{f.KeyId ?? stored.KeyId ?? "age"}'): {f.Reason}"),
            _ => throw new InvalidOperationException("unexpected decryption outcome"),
        };
    }

    private static ProblemHttpResult InvalidName(string name) =>
        Problems.BadRequest($"'{name}' is not a valid secret name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128");

    [LoggerMessage(EventName = "Audit", Level = LogLevel.Warning, Message = "Audit secret.reveal by {Actor} on {Plugin}/{Secret} at {Time}")]
    private static partial void LogReveal(ILogger logger, string actor, string plugin, string secret, DateTimeOffset time);
}

/// <summary>The body of <c>PUT …/secrets/{name}</c>: the plain value, encrypted before it is committed.</summary>
internal sealed record SecretValueBody(string? Value)
{
    public override string ToString() => "SecretValueBody(***)";
}

/// <summary><c>GET /plugins/{plugin}/secrets</c>: the names and key ids of a plugin's secrets, never a value.</summary>
internal sealed record PluginSecretsView(string Plugin, string NewestKeyId, System.Collections.Immutable.ImmutableArray<SecretEntry> Secrets);

/// <summary><c>PUT …/secrets/{name}</c> → 201/200: what was committed, without the value.</summary>
internal sealed record SecretEntryView(string Name, string Format, string? KeyId, string Commit);

/// <summary><c>POST /secrets/rotate</c> → 200.</summary>
internal sealed record RotationView(string Head, string KeyId, int Rotated);

/// <summary><c>POST …/secrets/{name}/reveal</c> → 200 (admin only, audited, <c>Cache-Control: no-store</c>).</summary>
internal sealed record RevealedSecret(string Name, string KeyId, string Value)
{
    public override string ToString() => $"RevealedSecret({Name}, {KeyId}, ***)";
}
