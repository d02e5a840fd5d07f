using System.Diagnostics;

namespace GitOps.WebhookApi.Tests.Charts;

public sealed class ChartLintTests
{
    [Fact]
    public async Task Yamllint_AcceptsChartAndValuesFiles()
    {
        var chart = ChartRenderer.ChartDirectory;
        var start = new ProcessStartInfo("yamllint") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--strict", "--config-file", Path.Combine(chart, ".yamllint"),
            Path.Combine(chart, "Chart.yaml"), Path.Combine(chart, "values.yaml"), ChartRenderer.HaValuesFile })
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"yamllint: {output}");
    }

    [Theory]
    [InlineData("values.yaml")]
    [InlineData("values-ha.yaml")]
    public void ValuesSchema_AcceptsTheShippedValues(string file)
    {
        var schema = ChartValues.LoadSchema();
        var values = file == "values.yaml"
            ? ChartValues.ReadYaml(Path.Combine(ChartRenderer.ChartDirectory, "values.yaml"))
            : ChartValues.Merge(ChartValues.ReadYaml(Path.Combine(ChartRenderer.ChartDirectory, "values.yaml")), ChartValues.ReadYaml(ChartRenderer.HaValuesFile));

        Assert.Empty(ChartValues.Validate(schema, values));
    }

    [Theory]
    [InlineData("replicaz: 2", "replicaz")]
    [InlineData("repository:\n  credentials: ssh-agent", "repository.credentials")]
    [InlineData("auth:\n  tokens:\n    - name: ci\n      role: root", "auth.tokens[0].role")]
    [InlineData("replicaCount: two", "replicaCount")]
    public void ValuesSchema_RejectsUnknownKeysAndBadValues(string yaml, string path)
    {
        var schema = ChartValues.LoadSchema();
        var values = ChartValues.Merge(ChartValues.ReadYaml(Path.Combine(ChartRenderer.ChartDirectory, "values.yaml")), ChartValues.ParseYaml(yaml));

        var errors = ChartValues.Validate(schema, values);

        Assert.Contains(errors, error => error.StartsWith(path + ":", StringComparison.Ordinal));
    }
}
