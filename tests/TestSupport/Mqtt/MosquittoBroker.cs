using System.Diagnostics;
using System.Net.Sockets;
using GitOps.TestSupport.Hosting;

namespace GitOps.TestSupport.Mqtt;

/// <summary>Debian's <c>mosquitto</c> broker on a free 127.0.0.1 port (anonymous, no persistence), started and stopped by
/// the test: stop and start again on the same port to play a broker outage.</summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly TempDirectory _directory = new("gitops-mosquitto");
    private Process? _process;

    private MosquittoBroker(int port) => Port = port;

    public int Port { get; }

    public bool Running => _process is { HasExited: false };

    /// <summary>A broker on a free port; started unless <paramref name="start"/> is false (a broker that is down at first).</summary>
    public static async Task<MosquittoBroker> CreateAsync(bool start = true)
    {
        if (!File.Exists(Executable)) throw new InvalidOperationException($"{Executable} is missing: apt-get install mosquitto (test.sh installs it)");
        var broker = new MosquittoBroker(FreePort.Next());
        if (start) await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        if (Running) return;
        var config = Path.Combine(_directory.Path, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n");
        var info = new ProcessStartInfo(Executable, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode} (port {Port} taken?)");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the broker (its retained messages go with it: no persistence).</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        await ChildProcesses.KillAndDisposeAsync(_process);
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }
}
