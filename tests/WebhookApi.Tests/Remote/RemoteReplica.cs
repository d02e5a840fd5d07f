using System.Net.Http.Headers;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Webhooks;

namespace GitOps.WebhookApi.Tests.Remote;

/// <summary>One service instance (a child process) in remote mode on <paramref name="remote"/>: its own data directory,
/// an admin token, a GitHub webhook secret, and HTTPS credentials that must never show up anywhere.</summary>
internal sealed class RemoteReplica : IAsyncDisposable
{
    public const string SecretToken = "ghp_NeverLogThisToken0123456789";

    private RemoteReplica(ServiceProcess service)
    {
        Service = service;
        Api = new HttpClient { BaseAddress = new Uri(service.BaseAddress, "api/v1/") };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiServer.AdminToken);
        Root = new HttpClient { BaseAddress = service.BaseAddress };
    }

    public ServiceProcess Service { get; }

    /// <summary><c>/api/v1/</c> with the admin token.</summary>
    public HttpClient Api { get; }

    /// <summary>The service root (webhooks).</summary>
    public HttpClient Root { get; }

    public static async Task<RemoteReplica> StartAsync(RemoteRepository remote, string name)
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Repository__RemoteUrl"] = remote.Url;
        settings["GitOps__Repository__Token"] = SecretToken;
        settings["GitOps__Webhooks__GitHubSecret"] = WebhookHost.GitHubSecret;
        return await StartAsync(remote.Scratch(name), settings);
    }

    /// <summary>A replica with exactly <paramref name="settings"/> (remote URL and credentials included) in <paramref name="dataDirectory"/>.</summary>
    public static async Task<RemoteReplica> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings) =>
        new(await ServiceProcess.StartAsync(dataDirectory, settings));

    /// <summary>Polls until <paramref name="condition"/> holds (the service works in the background), or fails with the output.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what} did not happen within 30 s:\n{Service.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Root.Dispose();
        await Service.DisposeAsync();
    }
}
