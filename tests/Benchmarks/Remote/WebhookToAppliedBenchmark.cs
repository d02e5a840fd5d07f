using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using GitOps.Benchmarks.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Benchmarks.Remote;

/// <summary>B6: a push to the loopback remote → signed GitHub push webhook → the running plugin serves the new catalog,
/// measured from outside like a user sees it (the service runs as a child process in remote mode; the end is detected by
/// polling the source's entities every 2 ms). Baseline: a plain <c>git fetch</c> of the same kind of change from the
/// same <c>git daemon</c> remote into a bare clone. Goal: p50 &lt;= fetch + 50 ms.</summary>
/// <remarks>Each iteration's setup commits a new catalog on the remote (not measured) and waits 600 ms, so the fetch
/// coalescer's 500 ms spacing between fetches does not delay the measured webhook (bursts are measured by tests, not here).</remarks>
[ShortInProcessJob(warmupCount: 2, iterationCount: 15)]
[InvocationCount(1, 1)]
public class WebhookToAppliedBenchmark : IDisposable
{
    private const string Secret = "b6-webhook-secret";
    private const string Catalog = "plugins/models/organization-models.yaml";
    private RemoteRepository _remote = null!;
    private ServiceProcess _service = null!;
    private HttpClient _http = null!;
    private string _clone = null!;
    private string _expected = "";
    private string _pushed = "";
    private int _version;

    [GlobalSetup]
    public void Setup()
    {
        _remote = RemoteRepository.StartAsync(RepositoryRoot.ExamplesRepo).GetAwaiter().GetResult();
        _service = ServiceProcess.StartAsync(_remote.Scratch("service"), new Dictionary<string, string?>
        {
            ["GitOps__Repository__RemoteUrl"] = _remote.Url,
            ["GitOps__Webhooks__GitHubSecret"] = Secret,
            ["GitOps__Auth__Mode"] = "None",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        }).GetAwaiter().GetResult();
        _http = new HttpClient { BaseAddress = _service.BaseAddress };
        _clone = _remote.Scratch("fetch-clone.git");
        GitCli.Run(_clone, "init", "--quiet", "--bare", _clone);
        GitCli.Run(_clone, "remote", "add", "origin", _remote.Url);
        GitCli.Run(_clone, "fetch", "--quiet", "origin");
    }

    [IterationSetup]
    public void PushChange()
    {
        _expected = $"b6-model-{++_version}-{Guid.NewGuid():N}";
        _pushed = _remote.CommitFile(Catalog, $"source: Organization AI\nmodels:\n  - name: {_expected}\n", $"models: catalog v{_version}");
        Thread.Sleep(600);
    }

    [Benchmark(Baseline = true, Description = "git fetch of the change (loopback git daemon)")]
    public string GitFetch() => GitCli.Run(_clone, "fetch", "--quiet", "origin", "+refs/heads/main:refs/remotes/origin/main");

    [Benchmark(Description = "push webhook → running plugin updated")]
    public async Task<int> WebhookToApplied()
    {
        var body = Encoding.UTF8.GetBytes("{\"ref\":\"refs/heads/main\",\"after\":\"" + _pushed + "\",\"repository\":{\"name\":\"config\",\"full_name\":\"acme/config\",\"owner\":{\"login\":\"acme\"}}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)));
        using (var response = await _http.SendAsync(request))
            if ((int)response.StatusCode != 202) throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}");
        var polls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            polls++;
            var text = await _http.GetStringAsync(new Uri("api/v1/plugins/models/sources/organization_ai_models/entities", UriKind.Relative));
            if (text.Contains(_expected, StringComparison.Ordinal)) return polls;
            await Task.Delay(2);
        }
        throw new TimeoutException($"{_expected} not applied within 10 s:\n{_service.Output}");
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _http?.Dispose();
        _service?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _remote?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}
