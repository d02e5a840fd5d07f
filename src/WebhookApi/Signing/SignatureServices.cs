using GitOps.Reconciler.Signing;

namespace GitOps.WebhookApi.Signing;

/// <summary>Registers signed commits (section <c>GitOps:Verification</c>): the service's signing key, the signer policy and
/// the start-up step that attaches both to the store. Call before the store opens (remote clone or <c>StoreStartup</c>).</summary>
internal static partial class SignatureServices
{
    /// <summary>The service's signing key in the data directory when <c>SigningKeyFile</c> is not set.</summary>
    public const string DefaultKeyFile = "signing.key";

    public static IServiceCollection AddCommitSignatures(this IServiceCollection services)
    {
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(Create);
        services.AddHostedService<SignatureStartup>();
        return services;
    }

    private static CommitSignatures Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<VerificationOptions>>().Value;
        var repository = services.GetRequiredService<IOptions<RepositoryOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignatureServices));
        ServiceSigningKey? key = null;
        if (options.SignCommits)
        {
            var path = string.IsNullOrWhiteSpace(options.SigningKeyFile)
                ? Path.Combine(Path.GetFullPath(repository.Path), DefaultKeyFile)
                : options.SigningKeyFile;
            if (string.IsNullOrWhiteSpace(options.SigningKeyFile))
            {
                // The key lives in the data directory: a working clone there must never commit it (nor its .pub).
                var layout = RepositoryLayout.For(repository);
                layout.ExcludeFromWorkTree(DefaultKeyFile);
                layout.ExcludeFromWorkTree(DefaultKeyFile + ".pub");
            }
            (key, var created) = ServiceSigningKey.LoadOrCreate(path, options.ServicePrincipal);
            if (created) LogKeyCreated(logger, path, key.AllowedSignersLine);
            else LogKeyLoaded(logger, path, key.KeyId);
        }
        var policy = SignerPolicy.Load(options, key?.AsAllowedSigner());
        var verifier = new CommitVerifier(policy, services.GetRequiredService<TimeProvider>());
        if (options.Mode != VerificationMode.Off)
            LogVerifying(logger, options.Mode, policy.SshSigners.Length, policy.OpenPgp.Count, policy.Paths.Length);
        return new CommitSignatures(options.Mode, verifier, key, string.IsNullOrWhiteSpace(options.Since) ? null : options.Since);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the commit signing key {KeyPath} (0600); allowed-signers line: {AllowedSignersLine}")]
    private static partial void LogKeyCreated(ILogger logger, string keyPath, string allowedSignersLine);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing commits with {KeyPath} ({KeyId})")]
    private static partial void LogKeyLoaded(ILogger logger, string keyPath, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verifying commit signatures ({Mode}): {SshSigners} SSH signers, {OpenPgpKeys} OpenPGP keys, {PathRules} path rules")]
    private static partial void LogVerifying(ILogger logger, VerificationMode mode, int sshSigners, int openPgpKeys, int pathRules);
}

/// <summary>Attaches signing and verification to the store before it opens (hosted services start in registration order).</summary>
internal sealed class SignatureStartup(GitConfigStore store, CommitSignatures signatures) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.AttachSignatures(signatures);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
