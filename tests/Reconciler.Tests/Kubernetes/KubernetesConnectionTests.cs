using System.ComponentModel.DataAnnotations;
using GitOps.Reconciler.Kubernetes;
using GitOps.TestSupport.Kubernetes;
using k8s;

namespace GitOps.Reconciler.Tests.Kubernetes;

public sealed class KubernetesConnectionTests : IAsyncLifetime
{
    private FakeKubeApiServer server = null!;

    public async Task InitializeAsync() => server = await FakeKubeApiServer.StartAsync("from-context");

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Resolve_WithKubeconfigOption_IsEnabled_UsesTheContextNamespace_AndReachesTheServer()
    {
        var connection = KubernetesConnection.Resolve(new KubernetesOptions { Kubeconfig = server.KubeconfigPath }, NoEnvironment);
        using var counter = new ApiCallCounter();
        using var client = (k8s.Kubernetes)connection.CreateClient(counter);

        var list = await client.CoreV1.ListNamespacedConfigMapAsync(connection.Namespace);

        Assert.True(connection.Enabled);
        Assert.Equal("from-context", connection.Namespace);
        Assert.Empty(list.Items);
        Assert.Equal((1L, 0L), (counter.Reads, counter.Writes));
    }

    [Fact]
    public void Resolve_WithKubeconfigFromEnvironment_IsEnabled_AndTheNamespaceOptionWins()
    {
        var connection = KubernetesConnection.Resolve(new KubernetesOptions { Namespace = "explicit" },
            name => name == "KUBECONFIG" ? server.KubeconfigPath : null);

        Assert.True(connection.Enabled);
        Assert.Equal("explicit", connection.Namespace);
    }

    [Fact]
    public void Resolve_WithNothingConfigured_IsDisabled()
    {
        var connection = KubernetesConnection.Resolve(new KubernetesOptions(), NoEnvironment);

        Assert.False(connection.Enabled);
    }

    [Fact]
    public void Resolve_WithEnabledFalse_IsDisabledEvenWithAKubeconfig()
    {
        var connection = KubernetesConnection.Resolve(new KubernetesOptions { Enabled = false, Kubeconfig = server.KubeconfigPath }, NoEnvironment);

        Assert.False(connection.Enabled);
    }

    [Fact]
    public void Resolve_WithEnabledTrueButNothingConfigured_FailsNamingTheOption()
    {
        var e = Assert.Throws<InvalidOperationException>(() => KubernetesConnection.Resolve(new KubernetesOptions { Enabled = true }, NoEnvironment));

        Assert.Contains("GitOps:Kubernetes:Enabled", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_IdentityPrefersPodNameThenHostname()
    {
        Assert.Equal("pod-1", KubernetesConnection.Resolve(new(), n => n switch { "POD_NAME" => "pod-1", "HOSTNAME" => "host", _ => null }).Identity);
        Assert.Equal("host", KubernetesConnection.Resolve(new(), n => n == "HOSTNAME" ? "host" : null).Identity);
        Assert.Equal("set", KubernetesConnection.Resolve(new() { Identity = "set" }, n => n == "HOSTNAME" ? "host" : null).Identity);
        Assert.NotEqual(KubernetesConnection.Resolve(new(), NoEnvironment).Identity, KubernetesConnection.Resolve(new(), NoEnvironment).Identity);
    }

    [Fact]
    public void Options_WithRenewDeadlineNotBelowLeaseDuration_FailValidationNamingTheOption()
    {
        var options = new KubernetesOptions { LeaseDuration = TimeSpan.FromSeconds(10), RenewDeadline = TimeSpan.FromSeconds(10) };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.ErrorMessage!.Contains("GitOps:Kubernetes:LeaseDuration", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        var options = new KubernetesOptions();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
        Assert.Equal(("gitops", "gitops-reconciler"), (options.ConfigMapPrefix, options.LeaseName));
    }

    private static string? NoEnvironment(string name) => null;
}
