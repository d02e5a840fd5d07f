namespace GitOps.WebhookApi.Auth;

/// <summary>How API callers authenticate (<c>GitOps:Auth:Mode</c>).</summary>
public enum AuthMode
{
    /// <summary>Bearer tokens, configured hashed; the default.</summary>
    Tokens,

    /// <summary>No authentication: an explicit, unauthenticated development run. Every caller is an admin named <c>anonymous</c>.</summary>
    None,
}
