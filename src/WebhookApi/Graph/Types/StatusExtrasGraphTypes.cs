using GitOps.WebhookApi.Secrets;
using GitOps.WebhookApi.Status;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary><c>status.verification</c>: the signed-commits mode and the key the service signs with (as REST shows it).</summary>
internal sealed class VerificationGraphType : ObjectGraphType<VerificationView>
{
    public VerificationGraphType()
    {
        Name = "Verification";
        Field(v => v.Mode).Description("Off, Head or All");
        Field(v => v.ServiceKeyId, nullable: true);
        Field(v => v.ServicePublicKey, nullable: true);
        Field(v => v.ServicePrincipal, nullable: true);
    }
}

/// <summary><c>status.headError.verification</c>: the commit that failed signature verification, why, and who signed it.</summary>
internal sealed class VerificationFailureGraphType : ObjectGraphType<VerificationFailureView>
{
    public VerificationFailureGraphType()
    {
        Name = "VerificationFailure";
        Field(v => v.Commit);
        Field(v => v.Kind).Description("The reason label of gitops_verification_failures_total");
        Field(v => v.Reason);
        Field(v => v.KeyId, nullable: true);
        Field(v => v.Signer, nullable: true);
    }
}

/// <summary><c>status.secrets</c>: how many values each key id protects (never a value).</summary>
internal sealed class SecretsStatusGraphType : ObjectGraphType<SecretsStatus>
{
    public SecretsStatusGraphType()
    {
        Name = "SecretsStatus";
        Field(s => s.NewestKeyId);
        Field(s => s.Recipient).Description("The public age recipient contributors encrypt to");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KeyUsageGraphType>>>>("keys").Resolve(c => c.Source.Keys);
        Field(s => s.AgeValues);
        Field<NonNullGraphType<JsonGraphType>>("unknownKeyValues").Description("Values per key id missing from the key ring").Resolve(c => c.Source.UnknownKeyValues);
    }
}

internal sealed class KeyUsageGraphType : ObjectGraphType<KeyUsage>
{
    public KeyUsageGraphType()
    {
        Name = "KeyUsage";
        Field(k => k.Id);
        Field(k => k.Values);
        Field(k => k.Newest);
    }
}
