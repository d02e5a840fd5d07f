using System.Security.Cryptography;

namespace GitOps.WebhookApi.Auth;

/// <summary>An authenticated caller: a configured token's name, role and the plugin patterns the role applies to.</summary>
internal sealed record Caller(string Name, string Role, ImmutableArray<string> Plugins);

/// <summary>The known tokens, by SHA-256 only. Looking a token up hashes it and compares in constant time against every hash.</summary>
internal sealed partial class TokenRegistry
{
    private readonly ImmutableArray<(Caller Caller, byte[] Hash)> _tokens;

    public TokenRegistry(IOptions<AuthOptions> auth, IOptions<RepositoryOptions> repository, ILogger<TokenRegistry> logger)
    {
        Mode = auth.Value.Mode;
        if (Mode == AuthMode.None)
        {
            LogUnauthenticated(logger);
            _tokens = [];
        }
        else if (auth.Value.Tokens.Count > 0)
        {
            _tokens = [.. auth.Value.Tokens.Select(t => (new Caller(t.Name, t.Role, t.Plugins is { } p ? [.. p] : Grant.Everything), Convert.FromHexString(t.Sha256)))];
        }
        else
        {
            var file = Path.Combine(Path.GetFullPath(repository.Value.Path), AdminTokenFile.FileName);
            RepositoryLayout.For(repository.Value).ExcludeFromWorkTree(AdminTokenFile.FileName); // a working clone must never commit it
            var token = AdminTokenFile.ReadOrCreate(file, logger);
            _tokens = [(new Caller(Roles.Admin, Roles.Admin, Grant.Everything), Hash(token))];
            LogAdminTokenFile(logger, file);
        }
    }

    /// <summary>The caller of an unauthenticated development run (<see cref="AuthMode.None"/>).</summary>
    public static Caller Anonymous { get; } = new("anonymous", Roles.Admin, Grant.Everything);

    public AuthMode Mode { get; }

    public Caller? Find(string token)
    {
        var hash = Hash(token);
        Caller? found = null;
        // No early exit: the time taken does not depend on which (if any) token matched.
        foreach (var (caller, expected) in _tokens)
            if (CryptographicOperations.FixedTimeEquals(hash, expected)) found = caller;
        return found;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin token (no tokens configured under GitOps:Auth:Tokens) is in {TokenFile}")]
    private static partial void LogAdminTokenFile(ILogger logger, string tokenFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitOps:Auth:Mode is None: the API accepts every caller as an admin")]
    private static partial void LogUnauthenticated(ILogger logger);
}
