using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>A real OpenID Provider (npm <c>oidc-provider</c>, <c>Auth/node/provider.mjs</c>) on a free loopback port, installed
/// at test time into <c>$XDG_CACHE_HOME/gitops-npm/oidc</c>. The test owns its RSA signing key, so it can also mint tokens
/// the provider never would (expired, wrong audience, …) with that very key.</summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string Audience = "urn:gitops:api";
    public const string UiClient = "gitops-ui";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly Process _process;
    private readonly TempDirectory _folder;
    private readonly List<string> _output = [];
    private TaskCompletionSource _rotated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OidcProvider(Process process, TempDirectory folder, Uri issuer, RSA key, string keyId)
    {
        _process = process;
        _folder = folder;
        Issuer = issuer;
        Key = key;
        KeyId = keyId;
    }

    public Uri Issuer { get; }

    /// <summary>The issuer exactly as the provider writes it in <c>iss</c> (no trailing slash).</summary>
    public string IssuerName => Issuer.ToString().TrimEnd('/');

    /// <summary>The provider's current signing key and its <c>kid</c>.</summary>
    public RSA Key { get; private set; }

    public string KeyId { get; private set; }

    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static string Folder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "gitops-npm", "oidc");

    /// <param name="clientClaims">Machine clients (client_credentials, secret = client id + "-secret") and the claims their tokens carry.</param>
    /// <param name="accounts">People who log in on the provider's page (any password) and their claims.</param>
    /// <param name="withUiClient">Registers the web UI's public client (PKCE, no secret); its redirect URI is set later
    /// by <see cref="SetUiRedirectAsync"/>, once the service has a port.</param>
    public static async Task<OidcProvider> StartAsync(IReadOnlyDictionary<string, JsonObject> clientClaims, IReadOnlyDictionary<string, JsonObject> accounts, bool withUiClient = false)
    {
        await InstallAsync();
        var folder = new TempDirectory("gitops-oidc");
        var port = FreePort.Next();
        var issuer = new Uri($"http://127.0.0.1:{port}/");
        var key = RSA.Create(2048);
        var keyId = "key-" + Guid.NewGuid().ToString("N")[..8];
        var clients = new JsonArray();
        foreach (var id in clientClaims.Keys)
        {
            clients.Add(new JsonObject
            {
                ["client_id"] = id, ["client_secret"] = id + "-secret", ["grant_types"] = new JsonArray("client_credentials"),
                ["redirect_uris"] = new JsonArray(), ["response_types"] = new JsonArray(),
            });
        }
        if (withUiClient)
        {
            clients.Add(new JsonObject
            {
                ["client_id"] = UiClient, ["token_endpoint_auth_method"] = "none", ["grant_types"] = new JsonArray("authorization_code"),
                ["redirect_uris"] = new JsonArray("http://127.0.0.1/"), ["response_types"] = new JsonArray("code"),
            });
        }
        var settings = new JsonObject
        {
            ["issuer"] = issuer.ToString().TrimEnd('/'), ["port"] = port, ["audience"] = Audience,
            ["keys"] = new JsonArray(PrivateJwk(key, keyId)), ["clients"] = clients,
            ["accounts"] = ToObject(accounts), ["clientClaims"] = ToObject(clientClaims),
        };
        var file = Path.Combine(folder.Path, "settings.json");
        await File.WriteAllTextAsync(file, settings.ToJsonString());
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = Folder };
        start.ArgumentList.Add(Path.Combine(Folder, "provider.mjs"));
        start.ArgumentList.Add(file);
        var process = Process.Start(start)!;
        var provider = new OidcProvider(process, folder, issuer, key, keyId);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (provider._output) provider._output.Add(e.Data);
            if (e.Data == "listening") listening.TrySetResult();
            if (e.Data is "rotated" or "redirected") provider._rotated.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (provider._output) provider._output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var done = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (done != listening.Task)
        {
            var output = provider.Output;
            await provider.DisposeAsync();
            throw new InvalidOperationException($"oidc-provider did not start: {output}");
        }
        return provider;
    }

    /// <summary>A JWT access token for a machine client from the provider's token endpoint (client_credentials).</summary>
    public async Task<string> ClientTokenAsync(string clientId)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Issuer, "token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "api", ["resource"] = Audience }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientId}-secret")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token endpoint: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Replaces the provider's signing key with a new one (new <c>kid</c>); the old key is no longer published.</summary>
    public async Task RotateAsync()
    {
        var key = RSA.Create(2048);
        var keyId = "key-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(_folder.Path, $"{keyId}.json");
        await File.WriteAllTextAsync(file, new JsonArray(PrivateJwk(key, keyId)).ToJsonString());
        _rotated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _process.StandardInput.WriteLineAsync($"rotate {file}");
        await _process.StandardInput.FlushAsync();
        await _rotated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (Key, KeyId) = (key, keyId);
    }

    /// <summary>Points the web UI client's redirect (and post-logout) URI at the service's root.</summary>
    public async Task SetUiRedirectAsync(Uri serviceRoot)
    {
        _rotated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _process.StandardInput.WriteLineAsync($"redirect {serviceRoot}");
        await _process.StandardInput.FlushAsync();
        await _rotated.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        _folder.Dispose();
    }

    private static JsonObject PrivateJwk(RSA key, string keyId)
    {
        var p = key.ExportParameters(includePrivateParameters: true);
        return new JsonObject
        {
            ["kty"] = "RSA", ["kid"] = keyId, ["use"] = "sig", ["alg"] = "RS256",
            ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!), ["d"] = B64(p.D!), ["p"] = B64(p.P!), ["q"] = B64(p.Q!),
            ["dp"] = B64(p.DP!), ["dq"] = B64(p.DQ!), ["qi"] = B64(p.InverseQ!),
        };
    }

    internal static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonObject ToObject(IReadOnlyDictionary<string, JsonObject> map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map) result[key] = value.DeepClone();
        return result;
    }

    private static async Task InstallAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            Directory.CreateDirectory(Folder);
            var source = Path.Combine(AppContext.BaseDirectory, "Auth", "node");
            var manifest = await File.ReadAllTextAsync(Path.Combine(source, "package.json"));
            var installed = Path.Combine(Folder, "package.json");
            var stale = !File.Exists(installed) || await File.ReadAllTextAsync(installed) != manifest
                || !File.Exists(Path.Combine(Folder, "node_modules", "oidc-provider", "package.json"));
            foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)), overwrite: true);
            if (!stale) return;
            var start = new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "--prefix", Folder]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
            using var npm = Process.Start(start)!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(npm.ExitCode == 0, $"npm install failed ({npm.ExitCode}): {await output}\n{await error}");
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
