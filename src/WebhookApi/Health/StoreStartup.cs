namespace GitOps.WebhookApi.Health;

/// <summary>Opens (and on first start seeds) the config repository before the host starts serving.</summary>
internal sealed class StoreStartup(GitConfigStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Initialize();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
