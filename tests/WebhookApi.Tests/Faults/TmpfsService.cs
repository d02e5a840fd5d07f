using System.Net.Http.Headers;
using GitOps.TestSupport.Faults;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Faults;

/// <summary>The service on a data directory inside a real 4 MiB tmpfs, with an admin client: what the storage-fault tests
/// (REST and their GraphQL twins) fill up and remount read-only.</summary>
internal sealed class TmpfsService : IAsyncDisposable
{
    private TmpfsService(TmpfsMount tmpfs, string data, ServiceProcess service, HttpClient client) =>
        (Tmpfs, Data, Service, Client) = (tmpfs, data, service, client);

    public TmpfsMount Tmpfs { get; }

    public string Data { get; }

    public ServiceProcess Service { get; }

    public HttpClient Client { get; }

    public static async Task<TmpfsService> StartAsync(string directory)
    {
        var tmpfs = TmpfsMount.Create(Path.Combine(directory, "mnt"), megabytes: 4);
        try
        {
            var data = Path.Combine(tmpfs.Path, "data");
            var service = await ServiceProcess.StartAsync(data);
            var client = new HttpClient { BaseAddress = service.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service.AdminToken);
            return new TmpfsService(tmpfs, data, service, client);
        }
        catch
        {
            tmpfs.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        Tmpfs.Dispose();
    }
}
