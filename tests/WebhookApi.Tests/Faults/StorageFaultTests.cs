using System.Net;
using System.Text.Json;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Faults;

/// <summary>Issue 11, faults: a full or read-only data directory (a real tmpfs, really filled and really remounted) gives a
/// clear problem, shows in status and readiness, moves nothing, and heals by itself.</summary>
public sealed class StorageFaultTests : IDisposable
{
    private const string Source = "api/v1/plugins/models/sources/organization_ai_models";
    private readonly TempDirectory _directory = new("gitops-storage-fault");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Writes_OnAFullThenReadOnlyDataDirectory_AreRefusedClearly_AndRecoverByThemselves()
    {
        await using var host = await TmpfsService.StartAsync(_directory.Path);
        var (tmpfs, data, service, client) = (host.Tmpfs, host.Data, host.Service, host.Client);
        var head = await client.ETagAsync(Source);

        // Disk full: 507 with a problem saying so, nothing moved, status and readiness tell.
        var filler = tmpfs.Fill();
        using (var full = await client.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled": false}""", "*", "application/merge-patch+json"))
        {
            var problem = await full.AssertProblemAsync(HttpStatusCode.InsufficientStorage, "insufficient-storage");
            Assert.Contains("out of space", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains(data, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(head, await client.ETagAsync(Source));
        var status = await StatusAsync(client);
        Assert.Equal("ReadOnly", status.GetProperty("mode").GetString());
        Assert.Contains("out of space", status.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Contains("out of space", (await ReadyAsync(client)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Space back: status clears without a write, and the next write goes through.
        File.Delete(filler);
        status = await StatusAsync(client);
        Assert.Equal("ReadWrite", status.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastError").ValueKind);
        Assert.False((await ReadyAsync(client)).TryGetProperty("detail", out _));
        using (var ok = await client.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled": false}""", "*", "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        head = await client.ETagAsync(Source);

        // Read-only file system: its own problem and message.
        tmpfs.RemountReadOnly();
        try
        {
            using var readOnly = await client.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled": true}""", "*", "application/merge-patch+json");
            var problem = await readOnly.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "storage-read-only");
            Assert.Contains("read-only file system", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("read-only file system", (await StatusAsync(client)).GetProperty("lastError").GetString(), StringComparison.Ordinal);
            Assert.Equal(head, await client.ETagAsync(Source));
        }
        finally
        {
            tmpfs.RemountReadWrite();
        }
        using (var healed = await client.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled": true}""", "*", "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, healed.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await StatusAsync(client)).GetProperty("lastError").ValueKind);
        await service.StopAsync();
        Assert.Equal(0, GitOps.TestSupport.Git.GitCli.TryRun(Path.Combine(data, "repo.git"), "fsck", "--full").ExitCode);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("api/v1/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static async Task<JsonElement> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
