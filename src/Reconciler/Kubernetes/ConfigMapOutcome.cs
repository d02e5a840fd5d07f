namespace GitOps.Reconciler.Kubernetes;

/// <summary>What <see cref="IConfigMapTarget"/> did for one plugin's ConfigMap. A closed set.</summary>
public abstract record ConfigMapOutcome(string Plugin, string Name)
{
    /// <summary>True when the API server was written to (a create, patch or delete).</summary>
    public bool Wrote => this is Created or Corrected or Pruned;

    /// <summary>The ConfigMap already matched the repository: nothing written.</summary>
    public sealed record Unchanged(string Plugin, string Name) : ConfigMapOutcome(Plugin, Name);

    /// <summary>The ConfigMap was missing and was created (Event <c>Created</c>).</summary>
    public sealed record Created(string Plugin, string Name, string ResourceVersion) : ConfigMapOutcome(Plugin, Name);

    /// <summary>The ConfigMap had drifted and was restored (Event <c>DriftCorrected</c>).</summary>
    public sealed record Corrected(string Plugin, string Name, string ResourceVersion, ConfigMapDrift Drift) : ConfigMapOutcome(Plugin, Name);

    /// <summary>The ConfigMap of a plugin no longer in the repository was deleted (Event <c>Pruned</c>).</summary>
    public sealed record Pruned(string Plugin, string Name) : ConfigMapOutcome(Plugin, Name);

    /// <summary>A file of the plugin alone exceeds the ConfigMap size limit (<paramref name="File"/>, <paramref name="Bytes"/>
    /// with its name); larger plugins are split into parts, but a file is never cut. Nothing was written.</summary>
    public sealed record TooLarge(string Plugin, string Name, long Bytes, long Limit, string? File = null) : ConfigMapOutcome(Plugin, Name);

    /// <summary>The API server could not be reached or refused; <paramref name="Reason"/> says why.</summary>
    public sealed record Failed(string Plugin, string Name, string Reason) : ConfigMapOutcome(Plugin, Name);
}

/// <summary>Which parts of a ConfigMap differ from the repository.</summary>
[Flags]
public enum ConfigMapDrift
{
    None = 0,
    Data = 2,
    HashAnnotation = 4,
    Labels = 8,
}
