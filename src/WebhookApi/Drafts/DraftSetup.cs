namespace GitOps.WebhookApi.Drafts;

internal static class DraftSetup
{
    /// <summary>The drafts options (<see cref="DraftOptions"/>); the drafts themselves live in the store (<see cref="GitConfigStore.Drafts"/>).</summary>
    public static IServiceCollection AddDrafts(this IServiceCollection services)
    {
        services.AddOptions<DraftOptions>().BindConfiguration(DraftOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DraftSettler>();
        return services;
    }
}
