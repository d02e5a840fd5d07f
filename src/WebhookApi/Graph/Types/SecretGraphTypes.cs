using GitOps.WebhookApi.Secrets;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary><c>GET /plugins/{plugin}/secrets</c>: the plugin's secret names with the newest key id.</summary>
internal sealed record PluginSecretList(string Plugin, string NewestKeyId, ImmutableArray<SecretEntry> Secrets);

internal sealed class PluginSecretsGraphType : ObjectGraphType<PluginSecretList>
{
    public PluginSecretsGraphType()
    {
        Name = "PluginSecrets";
        Description = "A plugin's secrets: names and metadata, never a value";
        Field(s => s.Plugin);
        Field(s => s.NewestKeyId).Description("The key new values are encrypted with");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SecretGraphType>>>>("secrets").Resolve(c => c.Source.Secrets);
    }
}

/// <summary>One secret as REST lists it: the name and where its value came from, never the value (there is no field for it).</summary>
internal sealed class SecretGraphType : ObjectGraphType<SecretEntry>
{
    public SecretGraphType()
    {
        Name = "Secret";
        Description = "A secret in plugins/<plugin>/secrets.yaml: its name and metadata; the value is write-only";
        Field(s => s.Name);
        Field(s => s.Format).Description("envelope (encrypted with a key of the key ring) or age (encrypted to the recipient, not yet rotated)");
        Field(s => s.KeyId, nullable: true).Description("The envelope's key id; null for an age value");
        Field(s => s.LastCommit, nullable: true).Description("The commit that wrote the current value (putSecret: the new head)");
        Field<DateTimeOffsetGraphType>("lastChangedAt").Resolve(c => c.Source.LastChangedAt);
        Field(s => s.LastChangedBy, nullable: true);
    }
}
