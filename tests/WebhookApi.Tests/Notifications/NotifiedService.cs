using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using GitOps.HotReload.Notifications;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Notifications;

/// <summary>The real service as a child process with the MQTT sink pointed at a broker port, and the calls the
/// notification tests make on it.</summary>
public sealed class NotifiedService : IAsyncDisposable
{
    public const string Source = "plugins/models/sources/organization_ai_models";

    private readonly TempDirectory _data;

    private NotifiedService(TempDirectory data, ServiceProcess service) => (_data, Service) = (data, service);

    public ServiceProcess Service { get; }

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Viewer { get; private set; } = null!;

    public static async Task<NotifiedService> StartAsync(int brokerPort, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var data = new TempDirectory("gitops-notify");
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Notifications__Mqtt__Host"] = "127.0.0.1";
        settings["GitOps__Notifications__Mqtt__Port"] = brokerPort.ToString(CultureInfo.InvariantCulture);
        settings["GitOps__Notifications__Mqtt__MaxReconnectDelay"] = "00:00:00.500";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var service = new NotifiedService(data, await ServiceProcess.StartAsync(data.Path, settings));
        service.Admin = service.Client(ApiServer.AdminToken);
        service.Viewer = service.Client(ApiServer.ViewerToken);
        return service;
    }

    public string DataDirectory => Service.DataDirectory;

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Service.BaseAddress, "api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A verifier trusting the keys the service lists.</summary>
    public async Task<NotificationVerifier> VerifierAsync(NotificationVerifierOptions? options = null)
    {
        var keys = NotificationKey.ParseKeyList(await Viewer.GetByteArrayAsync(new Uri("notifications/keys", UriKind.Relative)));
        return new NotificationVerifier(keys, options);
    }

    /// <summary>Renames the source through the API (a commit that changes the models plugin); returns the new head.</summary>
    public async Task<string> RenameSourceAsync(string name)
    {
        var etag = await Admin.ETagAsync();
        using var response = await Admin.SendJsonAsync(HttpMethod.Patch, Source, $$"""{"name":"{{name}}"}""", etag, "application/merge-patch+json");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag.Trim('"');
    }

    /// <summary>One sample of <c>/metrics</c>, e.g. <c>gitops_notifications_total{sink="mqtt",outcome="sent"}</c>.</summary>
    public async Task<double> MetricAsync(string name, string labels)
    {
        using var http = new HttpClient { BaseAddress = Service.BaseAddress };
        var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var match = Regex.Match(text, $@"^{Regex.Escape(name)}\{{{Regex.Escape(labels)}\}} (\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name}{{{labels}}} is not exported");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Viewer.Dispose();
        await Service.DisposeAsync();
        _data.Dispose();
    }
}
