using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using GitOps.TestSupport.Hosting;

namespace GitOps.TestSupport.Git;

/// <summary><c>git daemon</c> serving a folder of bare repositories over <c>git://127.0.0.1:{port}/</c>, with push enabled.</summary>
/// <remarks>Used as the remote in tests of remote mode. <see cref="StopAsync"/> and <see cref="StartAsync()"/> on the same instance
/// simulate an outage: the port stays the same.</remarks>
public sealed class GitDaemon : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private GitDaemon(string basePath, int port)
    {
        BasePath = basePath;
        Port = port;
    }

    public string BasePath { get; }

    public int Port { get; }

    public string Output => string.Join('\n', _output);

    /// <summary>How many fetches (and ls-remotes) of <paramref name="repository"/> the daemon has served so far: the
    /// <c>upload-pack</c> requests it logs (<c>--verbose</c>). Its log arrives asynchronously, a moment after the request.</summary>
    public int UploadPacks(string repository) =>
        _output.Count(line => line.Contains($"Request upload-pack for '/{repository}'", StringComparison.Ordinal));

    /// <summary>The URL of a repository under <see cref="BasePath"/> (e.g. <c>config.git</c>).</summary>
    public string UrlOf(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    public static async Task<GitDaemon> StartAsync(string basePath)
    {
        var daemon = new GitDaemon(Path.GetFullPath(basePath), FreePort.Next());
        await daemon.StartAsync();
        return daemon;
    }

    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "daemon", "--reuseaddr", "--listen=127.0.0.1", $"--port={Port}", $"--base-path={BasePath}",
            "--export-all", "--enable=receive-pack", "--informative-errors", "--verbose", BasePath,
        })
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        await ChildProcesses.KillAndDisposeAsync(_process);
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException($"git daemon exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"git daemon did not listen on {Port}:\n{Output}");
    }
}
