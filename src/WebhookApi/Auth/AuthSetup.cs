using System.Security.Claims;
using GitOps.Reconciler.Git;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GitOps.WebhookApi.Auth;

/// <summary>Registers bearer-token authentication and the policies <c>viewer</c>, <c>operator</c>, <c>admin</c>.</summary>
internal static class AuthSetup
{
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<TokenRegistry>();
        services.AddHostedService<TokenStartup>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        var policies = services.AddAuthorizationBuilder();
        foreach (var role in Roles.All) policies.AddPolicy(role, policy => policy.RequireRole(Roles.AtLeast(role)));
        return services;
    }

    /// <summary>The caller as a commit author (DESIGN §3): <c>{name} &lt;{name}@gitops.local&gt;</c>.</summary>
    public static CommitAuthor Author(this ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "anonymous";
        return new CommitAuthor(name, $"{name}@gitops.local");
    }

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>Creates (or reads) the admin token at start-up, so its location is logged before the first request.</summary>
    private sealed class TokenStartup(TokenRegistry tokens) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(tokens.Mode);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
