using System.Net;
using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Secrets;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Secrets;

/// <summary>The whole path through the real host: set a value (one commit of ciphertext), use it as the http provider's
/// bearer token against a server that checks it, list, reveal refused, add a key and rotate (one commit), status by key
/// id, and delete; then every log line, response body and commit is searched for the plaintext.</summary>
public sealed class SecretsScenarioTests : IAsyncLifetime, IDisposable
{
    private const string Plaintext = "tok-4f9c2b7e-never-leak-Zq8";
    private readonly TempDirectory _data = new("gitops-secrets");
    private readonly TempDirectory _keys = new("gitops-keys");
    private readonly List<string> _bodies = [];
    private TokenCheckingCatalog _catalog = null!;
    private ServiceProcess _service = null!;
    private HttpClient _admin = null!;

    private string KeyRingPath => Path.Combine(_keys.Path, "keyring");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(KeyRingPath, new KeyRing([SecretKey.Generate("k1")]).Format());
        _catalog = new TokenCheckingCatalog(Plaintext);
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Secrets__KeyRingPath"] = KeyRingPath;
        settings["GitOps__HttpSources__AllowedNetworks__0"] = "127.0.0.1/32"; // the token-checking catalog is on loopback
        _service = await ServiceProcess.StartAsync(_data.Path, settings);
        _admin = new HttpClient { BaseAddress = new Uri(_service.BaseAddress, "api/v1/") };
        _admin.DefaultRequestHeaders.Authorization = new("Bearer", ApiServer.AdminToken);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose()
    {
        _admin?.Dispose();
        _catalog?.Dispose();
        _data.Dispose();
        _keys.Dispose();
    }

    [Fact]
    public async Task SetUseRotateRevealDelete_NeverShowsThePlaintext()
    {
        var commits = Commits();
        var set = await SendAsync(HttpMethod.Put, "plugins/models/secrets/catalogToken", JsonSerializer.Serialize(new { value = Plaintext }));
        Assert.Equal(HttpStatusCode.Created, set.Status);
        Assert.Equal(commits + 1, Commits());
        var setCommit = Head();
        var stored = GitCli.Run(RepositoryPath, "show", $"{setCommit}:plugins/models/secrets.yaml");
        Assert.Contains("catalogToken: \"ENC[AES256_GCM,data:", stored, StringComparison.Ordinal);
        Assert.Contains(",type:str,kid:k1]", stored, StringComparison.Ordinal);

        var source = JsonSerializer.Serialize(new
        {
            id = "vault_catalog", name = "Vault catalog", type = "http",
            properties = new { url = _catalog.Url, bearerToken = "${secret:catalogToken}" },
        });
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "plugins/models/sources", source)).Status);
        var ready = await WaitForSourceAsync(s => s.GetProperty("status").GetProperty("state").GetString() == "Ready");
        Assert.Equal(2, ready.GetProperty("status").GetProperty("entityCount").GetInt32());
        Assert.Equal("${secret:catalogToken}", ready.GetProperty("properties").GetProperty("bearerToken").GetString());
        Assert.True(_catalog.Accepted >= 1);
        Assert.Equal(0, _catalog.Refused);

        var list = await SendAsync(HttpMethod.Get, "plugins/models/secrets", null);
        var entry = Assert.Single(list.Json.GetProperty("secrets").EnumerateArray());
        Assert.Equal(("catalogToken", "k1", setCommit), (entry.GetProperty("name").GetString(), entry.GetProperty("keyId").GetString(), entry.GetProperty("lastCommit").GetString()));
        var reveal = await SendAsync(HttpMethod.Post, "plugins/models/secrets/catalogToken/reveal", null);
        Assert.Equal(HttpStatusCode.Forbidden, reveal.Status);
        Assert.Equal("urn:gitops:problem:reveal-disabled", reveal.Json.GetProperty("type").GetString());

        // A new key: appended to the ring (newest last), picked up on restart; rotate re-encrypts to it in one commit.
        var ring = ((KeyRingParse.Parsed)KeyRing.Parse(await File.ReadAllTextAsync(KeyRingPath), "ring")).Ring.Add(SecretKey.Generate("k2"));
        await File.WriteAllTextAsync(KeyRingPath, ring.Format());
        await _service.RestartAsync();
        var before = await WaitForSourceAsync(s => s.GetProperty("status").GetProperty("state").GetString() == "Ready");
        var accepted = _catalog.Accepted;
        commits = Commits();
        var rotated = await SendAsync(HttpMethod.Post, "secrets/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.Equal(1, rotated.Json.GetProperty("rotated").GetInt32());
        Assert.Equal(commits + 1, Commits());
        Assert.Contains(",type:str,kid:k2]", GitCli.Run(RepositoryPath, "show", "HEAD:plugins/models/secrets.yaml"), StringComparison.Ordinal);
        var keys = (await SendAsync(HttpMethod.Get, "status", null)).Json.GetProperty("secrets").GetProperty("keys").EnumerateArray()
            .ToDictionary(k => k.GetProperty("id").GetString()!, k => k.GetProperty("values").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["k2"] = 1, ["k1"] = 0 }, keys);
        // The source's hash covers the ciphertext it uses: rotation reloads it, and the re-encrypted token still verifies.
        var hash = before.GetProperty("status").GetProperty("appliedHash").GetString();
        await WaitForSourceAsync(s => s.GetProperty("status").GetProperty("state").GetString() == "Ready"
            && s.GetProperty("status").GetProperty("appliedHash").GetString() != hash && _catalog.Accepted > accepted);
        Assert.Equal(0, _catalog.Refused);

        // In use: deleting the value would break the source, so the commit is refused.
        var inUse = await SendAsync(HttpMethod.Delete, "plugins/models/secrets/catalogToken", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inUse.Status);

        var everything = string.Join("\n", _bodies) + "\n" + _service.Output + "\n" + GitCli.Run(RepositoryPath, "log", "-p", "--all");
        Assert.DoesNotContain(Plaintext, everything, StringComparison.Ordinal);
        Assert.Contains("Audit secret.set by alice", _service.Output, StringComparison.Ordinal);
    }

    private string RepositoryPath => Path.Combine(_data.Path, "repo.git");

    private int Commits() => int.Parse(GitCli.Run(RepositoryPath, "rev-list", "--count", "main").Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private string Head() => GitCli.Run(RepositoryPath, "rev-parse", "main").Trim();

    private async Task<JsonElement> WaitForSourceAsync(Func<JsonElement, bool> condition)
    {
        JsonElement last = default;
        for (var i = 0; i < 300; i++)
        {
            var response = await SendAsync(HttpMethod.Get, "plugins/models/sources/vault_catalog", null);
            if (response.Status == HttpStatusCode.OK && condition(last = response.Json)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"source never reached the expected state: {last}");
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (method != HttpMethod.Get) request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await _admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        _bodies.Add(body);
        return (response.StatusCode, body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonDocument.Parse(body).RootElement.Clone() : default);
    }
}
