using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.Git.Remote;

/// <summary>The configured remote (<c>GitOps:Repository:RemoteUrl</c>) as seen from the local bare clone: the clone
/// itself, fetches of the tracked branch into <c>refs/remotes/origin/{branch}</c>, and pushes.</summary>
/// <remarks>Network work runs the <c>git</c> command line (every transport: git://, http(s)://, file://, ssh) through
/// <see cref="GitCommand"/>, credentials in its environment only, never under the repository lock. The local branch is
/// never moved here: the store moves it after a push, the remote catch-up (<see cref="RemoteCatchUp"/>) after a fetch.</remarks>
public sealed partial class GitRemote(IOptions<RepositoryOptions> options, ILogger<GitRemote> logger)
{
    public const string RemoteName = "origin";
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(30);

    private readonly RepositoryOptions _options = options.Value;

    public string Url => _options.RemoteUrl is { Length: > 0 } url ? url : throw new InvalidOperationException("no remote is configured");

    /// <summary>The URL with any user info masked, for logs and messages.</summary>
    public string DisplayUrl => GitCommand.Redact(Url);

    public string Branch => _options.Branch;

    public string TrackingRef => $"refs/remotes/{RemoteName}/{_options.Branch}";

    /// <summary>Creates the bare repository and its <c>origin</c> if needed; does not fetch (the remote catch-up does,
    /// <see cref="RemoteCatchUp.PrepareAsync"/>) and does not open the store.</summary>
    public RemotePreparation? PrepareClone(string gitDirectory)
    {
        if (!Repository.IsValid(gitDirectory))
        {
            Directory.CreateDirectory(gitDirectory);
            Repository.Init(gitDirectory, isBare: true);
        }
        using var repository = new Repository(gitDirectory);
        var origin = repository.Network.Remotes[RemoteName];
        if (origin is null) repository.Network.Remotes.Add(RemoteName, Url);
        else if (!string.Equals(origin.Url, Url, StringComparison.Ordinal)) return new RemotePreparation.UrlMismatch(GitCommand.Redact(origin.Url));
        repository.Refs.UpdateTarget("HEAD", $"refs/heads/{_options.Branch}");
        return null;
    }

    /// <summary>Fetches the tracked branch into <see cref="TrackingRef"/> (forced: the remote is the truth). Only the
    /// remote catch-up calls this; it is the one fetch of the tracked branch.</summary>
    public async Task<FetchResult> FetchAsync(string gitDirectory, CancellationToken cancellationToken)
    {
        var result = await FetchRefAsync(gitDirectory, RemoteName, $"+refs/heads/{_options.Branch}:{TrackingRef}",
            RemoteCredentials.EnvironmentFor(_options, Url), NetworkTimeout, cancellationToken);
        if (!result.Succeeded)
        {
            if (result.Error.Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase)) return new FetchResult.NoBranch();
            var reason = $"fetch from {DisplayUrl} failed: {Summarize(result.Error)}{CredentialsHint(result.Error)}";
            LogFetchFailed(DisplayUrl, reason);
            return new FetchResult.Unreachable(reason);
        }
        var head = new RefCompareAndSwap(gitDirectory, TrackingRef).Read();
        return head is null ? new FetchResult.NoBranch() : new FetchResult.Fetched(head);
    }

    /// <summary>The one <c>git fetch</c> invocation: one forced refspec from a remote name or URL, no tags, no FETCH_HEAD.
    /// Used for the tracked branch (<see cref="FetchAsync"/>) and for pull-request review reads.</summary>
    public static Task<GitCommandResult> FetchRefAsync(
        string gitDirectory, string source, string refspec, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, CancellationToken cancellationToken) =>
        GitCommand.RunAsync(["--git-dir", gitDirectory, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", source, refspec],
            environment, timeout, cancellationToken);

    /// <summary>Pushes <paramref name="commit"/> to <paramref name="targetRef"/> on the remote, without force: the
    /// remote's fast-forward check and its ref lock are the compare-and-swap across replicas. Never called under the
    /// repository lock.</summary>
    public async Task<PushResult> PushAsync(string gitDirectory, string commit, string targetRef, CancellationToken cancellationToken)
    {
        var result = await GitCommand.RunAsync(
            ["--git-dir", gitDirectory, "push", "--quiet", "--porcelain", RemoteName, $"{commit}:{targetRef}"],
            RemoteCredentials.EnvironmentFor(_options, Url), NetworkTimeout, cancellationToken);
        if (result.Succeeded)
        {
            LogPushed(commit, targetRef, DisplayUrl);
            return new PushResult.Pushed();
        }
        var text = $"{result.Output}\n{result.Error}";
        if (IsRefused(text))
        {
            LogPushRefused(commit, targetRef, DisplayUrl);
            return new PushResult.Refused();
        }
        if (text.Contains("[remote rejected]", StringComparison.Ordinal))
            return new PushResult.Declined($"the remote declined the push to {targetRef}: {Summarize(text)}");
        var reason = $"push to {DisplayUrl} failed: {Summarize(result.Error)}{CredentialsHint(result.Error)}";
        LogPushFailed(DisplayUrl, reason);
        return new PushResult.Unreachable(reason);
    }

    private static bool IsRefused(string text) =>
        text.Contains("non-fast-forward", StringComparison.Ordinal)
        || text.Contains("(fetch first)", StringComparison.Ordinal)
        || text.Contains("(stale info)", StringComparison.Ordinal)
        || (text.Contains("[remote rejected]", StringComparison.Ordinal)
            && (text.Contains("failed to update ref", StringComparison.Ordinal) || text.Contains("lock", StringComparison.Ordinal)));

    /// <summary>When the server refused the credentials, names the options that hold them (never their values), so the
    /// error in status and logs says what to fix.</summary>
    private static string CredentialsHint(string error) =>
        error.Contains("Authentication failed", StringComparison.Ordinal) || error.Contains("terminal prompts disabled", StringComparison.Ordinal)
            ? " (the remote refused the credentials: check GitOps:Repository:Token, or GitOps:Repository:Username and GitOps:Repository:Password)"
            : "";

    /// <summary>The meaningful lines of git's error output, joined, at most 300 characters (already redacted).</summary>
    private static string Summarize(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("hint:", StringComparison.Ordinal) && !l.StartsWith("To ", StringComparison.Ordinal) && l != "Done");
        var text = string.Join("; ", lines);
        if (text.Length == 0) return "no output";
        return text.Length > 300 ? text[..300] : text;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed {Commit} to {TargetRef} on {Remote}")] private partial void LogPushed(string commit, string targetRef, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Push of {Commit} to {TargetRef} on {Remote} refused: another writer moved the branch")] private partial void LogPushRefused(string commit, string targetRef, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push to {Remote} failed: {Reason}")] private partial void LogPushFailed(string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetch from {Remote} failed: {Reason}")] private partial void LogFetchFailed(string remote, string reason);
}

/// <summary>The outcome of preparing the local clone at start-up. A closed set.</summary>
public abstract record RemotePreparation
{
    private RemotePreparation() { }

    /// <summary>The clone exists with the configured <c>origin</c>; <paramref name="Fetch"/> says what the first catch-up found.</summary>
    public sealed record Ready(FetchResult Fetch) : RemotePreparation;

    /// <summary>The data directory holds a clone of another remote (<paramref name="ExistingUrl"/>, redacted).</summary>
    public sealed record UrlMismatch(string ExistingUrl) : RemotePreparation;
}
