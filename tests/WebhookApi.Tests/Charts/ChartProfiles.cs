using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>The two installs the tests render: the chart defaults with only the (required) repository URL, and
/// the HA + Ingress + existing-Secret install of values-ha.yaml.</summary>
internal static class ChartProfiles
{
    public const string Default = "default";
    public const string HighlyAvailable = "ha";

    public const string RepositoryUrlOnly = """
        repository:
          remoteUrl: https://github.com/acme/platform-config.git
        """;

    public static TheoryData<string> All => [Default, HighlyAvailable];

    public static async Task<RenderedChart> RenderAsync(string profile)
    {
        if (profile == HighlyAvailable) return await ChartRenderer.RenderSuccessfullyAsync(ChartRenderer.HaValuesFile);
        using var directory = new TempDirectory("gitops-chart");
        return await ChartRenderer.RenderSuccessfullyAsync(ChartRenderer.WriteValues(directory, RepositoryUrlOnly));
    }
}
