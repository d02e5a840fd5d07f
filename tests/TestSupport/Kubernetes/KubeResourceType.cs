namespace GitOps.TestSupport.Kubernetes;

/// <summary>A REST resource the fake API server serves: <c>/api/v1/…/configmaps</c>, <c>/apis/coordination.k8s.io/v1/…/leases</c>.</summary>
public sealed record KubeResourceType(string Group, string Version, string Plural, string Kind)
{
    public static KubeResourceType ConfigMaps { get; } = new("", "v1", "configmaps", "ConfigMap");

    public static KubeResourceType Secrets { get; } = new("", "v1", "secrets", "Secret");

    public static KubeResourceType CoreEvents { get; } = new("", "v1", "events", "Event");

    public static KubeResourceType Events { get; } = new("events.k8s.io", "v1", "events", "Event");

    public static KubeResourceType Leases { get; } = new("coordination.k8s.io", "v1", "leases", "Lease");

    public static IReadOnlyList<KubeResourceType> All { get; } = [ConfigMaps, Secrets, CoreEvents, Events, Leases];

    /// <summary>The <c>apiVersion</c> of objects of this type: <c>v1</c> or <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>How the API server names the resource in messages: <c>configmaps</c>, <c>leases.coordination.k8s.io</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static KubeResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);
}
