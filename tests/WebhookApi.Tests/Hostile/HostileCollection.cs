namespace GitOps.WebhookApi.Tests.Hostile;

/// <summary>The hostile suites share one host: starting the service is most of their cost.</summary>
[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileHost>
{
    public const string Name = "hostile host";
}
