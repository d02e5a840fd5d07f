namespace GitOps.WebhookApi.Tests.Runtime;

/// <summary>Test classes that start the host in this process run one after another (see <see cref="RuntimeApp.Collection"/>).</summary>
[CollectionDefinition(RuntimeApp.Collection, DisableParallelization = true)]
public sealed class InProcessHostCollection;
