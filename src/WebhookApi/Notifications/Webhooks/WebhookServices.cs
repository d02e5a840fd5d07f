using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Notifications.Webhooks;

internal static class WebhookServices
{
    /// <summary>Registers the webhook sink (an <see cref="INotificationSink"/> the publisher calls), its options (checked on
    /// start) and the delivery log. Needs an <see cref="INotificationSigner"/> for the <c>v1a</c> signature.</summary>
    public static IServiceCollection AddNotificationWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookSubscribersOptions>().BindConfiguration(WebhookSubscribersOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookSubscribersOptions>, WebhookOptionsValidator>());
        services.AddOptions<WebhookDeliveryOptions>().BindConfiguration(WebhookDeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<WebhookSink>();
        services.AddSingleton<INotificationSink>(sp => sp.GetRequiredService<WebhookSink>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSink>());
        return services;
    }
}
