using GitOps.WebhookApi.Secrets;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary><c>GET /plugins/{plugin}/secrets</c>: the plugin's secret names with the newest key id.</summary>
internal sealed record PluginSecretList(string Plugin, string NewestKeyId, ImmutableArray<SecretEntry> Secrets);

internal sealed class PluginSecretsGraphType : ViewGraphType<PluginSecretList>
{
    public PluginSecretsGraphType() : base("PluginSecrets", s => s.Plugin)
    {
        Description = "A plugin's secrets: names and metadata, never a value";
        Field(s => s.NewestKeyId).Description("The key new values are encrypted with");
        ListField<SecretGraphType>("secrets", c => c.Source.Secrets);
    }
}

/// <summary>One secret as REST lists it: the name and where its value came from, never the value (there is no field for it).</summary>
internal sealed class SecretGraphType : ViewGraphType<SecretEntry>
{
    public SecretGraphType() : base("Secret", s => s.Name)
    {
        Description = "A secret in plugins/<plugin>/secrets.yaml: its name and metadata; the value is write-only";
        Field(s => s.Format).Description("envelope (encrypted with a key of the key ring) or age (encrypted to the recipient, not yet rotated)");
        Field(s => s.KeyId, nullable: true).Description("The envelope's key id; null for an age value");
        Field(s => s.LastCommit, nullable: true).Description("The commit that wrote the current value (putSecret: the new head)");
        Field<DateTimeOffsetGraphType>("lastChangedAt").Resolve(c => c.Source.LastChangedAt);
        PlainFields(s => s.LastChangedBy);
    }
}
