namespace GitOps.TestSupport.Git;

/// <summary>Makes a bare repository's pushes slow: a <c>pre-receive</c> hook that marks when a push reached it, then holds
/// the push for up to <c>delay</c> (or until <see cref="Release"/>), then accepts it. Lets a test act while a push is in
/// flight and check what answered before it ended, without timing anything.</summary>
public sealed class SlowPushHook
{
    private readonly string _started;
    private readonly string _release;

    private SlowPushHook(string started, string release)
    {
        _started = started;
        _release = release;
    }

    /// <summary>Installs the hook in <paramref name="gitDirectory"/> (a bare repository served by <see cref="GitDaemon"/>).</summary>
    public static SlowPushHook Install(string gitDirectory, TimeSpan delay)
    {
        var started = Path.Combine(gitDirectory, "push-started");
        var release = Path.Combine(gitDirectory, "push-release");
        var ticks = Math.Max(1, (int)(delay.TotalMilliseconds / 100));
        var hook = Path.Combine(gitDirectory, "hooks", "pre-receive");
        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        File.WriteAllText(hook,
            $"""
            #!/bin/sh
            cat >/dev/null
            touch '{started}'
            i=0
            while [ ! -e '{release}' ] && [ $i -lt {ticks} ]; do sleep 0.1; i=$((i+1)); done
            exit 0

            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new SlowPushHook(started, release);
    }

    /// <summary>Completes once a push has reached the hook (it is in flight until the hook ends).</summary>
    public async Task StartedAsync()
    {
        using var give = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!File.Exists(_started)) await Task.Delay(20, give.Token);
    }

    /// <summary>Lets the held push finish now.</summary>
    public void Release() => File.WriteAllText(_release, "");
}
