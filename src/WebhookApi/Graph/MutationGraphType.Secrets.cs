using GitOps.Reconciler.Secrets;
using GitOps.WebhookApi.Graph.Types;
using GitOps.WebhookApi.Secrets;
using GraphQL;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph;

/// <summary>The secret writes of <c>/plugins/{plugin}/secrets/{name}</c> and <c>/secrets/rotate</c> (admin, as in REST),
/// through the same edits (<see cref="SecretEdits"/>): the value is encrypted before the commit and never answered. There
/// is no reveal mutation: GraphQL shows names and metadata only.</summary>
internal sealed partial class MutationGraphType
{
    private void AddSecretWrites()
    {
        Write("putSecret", "PUT /plugins/{plugin}/secrets/{name} (the value is encrypted before it is committed and never answered)",
            a => a.Plugin().Input<NonNullGraphType<StringGraphType>>("name").Input<NonNullGraphType<StringGraphType>>("value"), PutSecretAsync);
        Write("deleteSecret", "DELETE /plugins/{plugin}/secrets/{name}", a => a.Plugin().Input<NonNullGraphType<StringGraphType>>("name"), c =>
        {
            var (plugin, name) = (c.GetArgument<string>("plugin"), c.GetArgument<string>("name"));
            var command = SecretsFile.IsValidName(name)
                ? (Command)Change.Edit("secret.delete", plugin, "", $"{plugin}: delete secret {name}", s => SecretEdits.Delete(s, plugin, name))
                : InvalidSecretName(name);
            return GraphWrites.CommitAsync(c, Roles.Admin, command, (snapshot, committed) => new WritePayload(snapshot.Head, committed));
        });
        Write("rotateSecrets", "POST /secrets/rotate: re-encrypt every value to the newest key in one commit", a => a, c =>
        {
            var cipher = c.RequestServices!.GetRequiredService<SecretCipher>();
            var newest = cipher.Ring.Newest.Id;
            var pending = GraphContext.Of(c).Snapshot.Plugins.Values.Sum(p => p.Secrets.Secrets.Values.Count(s => s.Format == SecretFormat.Age || s.KeyId != newest));
            var change = Change.Edit("secret.rotate", "", "", $"secrets: re-encrypt {pending} value(s) to key {newest}", s => SecretEdits.Rotate(s, cipher));
            return GraphWrites.CommitAsync(c, Roles.Admin, change, (snapshot, committed) => new WritePayload(snapshot.Head, committed, Rotated: committed ? pending : 0));
        });
    }

    private static Task<WritePayload> PutSecretAsync(IResolveFieldContext c)
    {
        var (plugin, name) = (c.GetArgument<string>("plugin"), c.GetArgument<string>("name"));
        if (!SecretsFile.IsValidName(name)) return GraphWrites.CommitAsync(c, Roles.Admin, InvalidSecretName(name), (s, _) => new WritePayload(s.Head, false));
        if (c.GetArgument<string>("value") is not { Length: > 0 and <= SecretEndpoints.MaxValueLength } value)
        {
            return GraphWrites.CommitAsync(c, Roles.Admin,
                Command.Refuse(Problems.BadRequest($"'value' must be a non-empty string of at most {SecretEndpoints.MaxValueLength} characters")),
                (s, _) => new WritePayload(s.Head, false));
        }
        // The role first: only an admin's value is encrypted at all. Encrypted once, before the edit, as in REST.
        GraphAccess.Require(c, Roles.Admin);
        var secret = SecretEdits.Envelope(c.RequestServices!.GetRequiredService<SecretCipher>(), plugin, name, value);
        var verb = GraphContext.Of(c).Snapshot.FindPlugin(plugin)?.Secrets.Find(name) is null ? "set" : "replace";
        var change = Change.Edit($"secret.{verb}", plugin, "", $"{plugin}: {verb} secret {name}", s => SecretEdits.Set(s, plugin, secret));
        return GraphWrites.CommitAsync(c, Roles.Admin, change, (snapshot, committed) =>
            new WritePayload(snapshot.Head, committed, Secret: new SecretEntry(name, "envelope", secret.KeyId, snapshot.Head, null, null)));
    }

    private static Command InvalidSecretName(string name) =>
        Command.Refuse(Problems.BadRequest($"'{name}' is not a valid secret name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128"));
}
