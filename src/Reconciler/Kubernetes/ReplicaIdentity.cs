namespace GitOps.Reconciler.Kubernetes;

/// <summary>This replica's name in the leader-election Lease and in the Events it reports.</summary>
internal static class ReplicaIdentity
{
    /// <summary>The configured identity, else the pod name (POD_NAME, then HOSTNAME), else machine name + a random suffix.</summary>
    public static string Resolve(string? configured, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim();
        foreach (var variable in new[] { "POD_NAME", "HOSTNAME" })
            if (environment(variable) is { Length: > 0 } name)
                return name.Trim();
        return $"{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
    }
}
