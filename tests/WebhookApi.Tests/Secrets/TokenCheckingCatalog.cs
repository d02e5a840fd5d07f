using System.Net;
using System.Text;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Secrets;

/// <summary>A local HTTP catalog that answers only requests carrying <c>Authorization: Bearer {token}</c>.</summary>
internal sealed class TokenCheckingCatalog : IDisposable
{
    private const string Catalog = "source: Vault\nmodels:\n  - name: guarded-a\n  - name: guarded-b\n";
    private readonly HttpListener _listener = new();
    private readonly string _token;
    private int _accepted;
    private int _refused;

    public TokenCheckingCatalog(string token)
    {
        _token = token;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/catalog.yaml";

    public int Accepted => Volatile.Read(ref _accepted);

    public int Refused => Volatile.Read(ref _refused);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var ok = context.Request.Headers["Authorization"] == $"Bearer {_token}";
            Interlocked.Increment(ref ok ? ref _accepted : ref _refused);
            context.Response.StatusCode = ok ? 200 : 401;
            var body = Encoding.UTF8.GetBytes(ok ? Catalog : "unauthorized\n");
            context.Response.ContentType = "application/yaml";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
