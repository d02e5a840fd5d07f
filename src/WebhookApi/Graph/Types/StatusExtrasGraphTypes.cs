using GitOps.WebhookApi.Secrets;
using GitOps.WebhookApi.Status;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary><c>status.verification</c>: the signed-commits mode and the key the service signs with (as REST shows it).</summary>
internal sealed class VerificationGraphType : ViewGraphType<VerificationView>
{
    public VerificationGraphType() : base("Verification")
    {
        Field(v => v.Mode).Description("Off, Head or All");
        PlainFields(v => v.ServiceKeyId, v => v.ServicePublicKey, v => v.ServicePrincipal);
    }
}

/// <summary><c>status.headError.verification</c>: the commit that failed signature verification, why, and who signed it.</summary>
internal sealed class VerificationFailureGraphType : ViewGraphType<VerificationFailureView>
{
    public VerificationFailureGraphType() : base("VerificationFailure", v => v.Commit)
    {
        Field(v => v.Kind).Description("The reason label of gitops_verification_failures_total");
        PlainFields(v => v.Reason, v => v.KeyId, v => v.Signer);
    }
}

/// <summary><c>status.secrets</c>: how many values each key id protects (never a value).</summary>
internal sealed class SecretsStatusGraphType : ViewGraphType<SecretsStatus>
{
    public SecretsStatusGraphType() : base("SecretsStatus", s => s.NewestKeyId)
    {
        Field(s => s.Recipient).Description("The public age recipient contributors encrypt to");
        ListField<KeyUsageGraphType>("keys", c => c.Source.Keys);
        Field(s => s.AgeValues);
        Field<NonNullGraphType<JsonGraphType>>("unknownKeyValues").Description("Values per key id missing from the key ring").Resolve(c => c.Source.UnknownKeyValues);
    }
}

internal sealed class KeyUsageGraphType() : ViewGraphType<KeyUsage>("KeyUsage", k => k.Id, k => k.Values, k => k.Newest);
