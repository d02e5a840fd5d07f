using GitOps.TestSupport.Signing;

namespace GitOps.Reconciler.Tests.Signing;

/// <summary>One set of real gpg and ssh-keygen keys for the signing tests (key generation is the slow part).</summary>
public sealed class SigningKeysFixture : IDisposable
{
    public SigningKeys Keys { get; } = new();

    public void Dispose() => Keys.Dispose();
}
