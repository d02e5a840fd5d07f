using System.Collections.Concurrent;
using System.Diagnostics;

namespace GitOps.TestSupport.Hosting;

/// <summary>The real service (src/WebhookApi) running as a child process on a loopback port, as a user runs it.</summary>
/// <remarks>Settings are passed as <c>GitOps__…</c> environment variables. <see cref="RestartAsync"/> stops the process
/// and starts it again on the same data directory and port. Output is kept in <see cref="Output"/> for assertions and failures.</remarks>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private ServiceProcess(string dataDirectory, int port, IReadOnlyDictionary<string, string?> environment)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _environment = environment;
    }

    public string DataDirectory { get; }

    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The admin token the embedded default wrote on first start (null when tokens are configured).</summary>
    public string? AdminToken
    {
        get
        {
            var file = System.IO.Path.Combine(DataDirectory, "admin.token");
            return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
    }

    /// <summary>Starts the service with a data directory (seeded from examples/repo on first start) and extra settings.</summary>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var environment = new Dictionary<string, string?>
        {
            ["GitOps__Repository__Path"] = dataDirectory,
            ["GitOps__Repository__Seed"] = RepositoryRoot.ExamplesRepo,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) environment[key] = value;
        var service = new ServiceProcess(dataDirectory, FreePort.Next(), environment);
        // The port was free when picked, but another test's process may bind it first; then ours exits, and we pick again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await service.StartProcessAsync(cancellationToken);
                return service;
            }
            catch (InvalidOperationException) when (attempt < 3 && service.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await service.StopAsync();
                service._output.Clear();
                service.Port = FreePort.Next();
            }
        }
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        await ChildProcesses.KillAndDisposeAsync(_process);
        _process = null;
    }

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartProcessAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        info.ArgumentList.Add(RepositoryRoot.WebhookApiDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{Port}");
        foreach (var (key, value) in _environment) info.Environment[key] = value;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        Directory.CreateDirectory(DataDirectory);

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(cancellationToken);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process is { HasExited: true })
            {
                // HasExited can be seen before the output readers have drained; WaitForExit() waits for their end of stream.
                _process.WaitForExit();
                throw new InvalidOperationException($"service exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                // Ready only once our own process says it listens on the port: a readyz answer alone may come from
                // another test's service that bound the port first.
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode && ListensOnPort()) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"service did not become ready within 60 s:\n{Output}");
    }

    private bool ListensOnPort() =>
        _output.Any(line => line.Contains("Now listening on", StringComparison.Ordinal) && line.Contains($"127.0.0.1:{Port}", StringComparison.Ordinal));
}
