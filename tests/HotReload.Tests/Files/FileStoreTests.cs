using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GitOps.HotReload.Files;
using GitOps.TestSupport.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.HotReload.Tests.Files;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileStoreTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void FirstRun_SeedsTheDefault_WithVersionAndMode0600()
    {
        using var dir = new TempDirectory("filestore-seed");
        var path = Path.Combine(dir.Path, "nested", "tool.json");

        var value = Store(path).Load();

        Assert.Equal(new ToolState("https://localhost", 3), value);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        var written = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(2, written["version"]!.GetValue<int>());
        Assert.Equal(value, Store(path).Load());
    }

    [Fact]
    public async Task ThousandConcurrentSaves_NeverLeaveAPartialFile_AndTheModeStays0600()
    {
        using var dir = new TempDirectory("filestore-race");
        var path = Path.Combine(dir.Path, "tool.json");
        var store = Store(path);
        store.Load();
        var badReads = 0;
        var reads = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var format = Format();
            while (!stop.IsCancellationRequested)
            {
                var read = format.Read(File.ReadAllBytes(path));
                if (read is not FileRead<ToolState>.Current) Interlocked.Increment(ref badReads);
                if (File.GetUnixFileMode(path) != OwnerOnly) Interlocked.Increment(ref badReads);
                Interlocked.Increment(ref reads);
            }
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, (i, _) =>
        {
            // Values of very different sizes, so a torn write would show as broken JSON.
            store.Save(new ToolState(new string('x', (i % 50) * 100) + i, i));
            return ValueTask.CompletedTask;
        });
        await stop.CancelAsync();
        await reader;

        Assert.Equal(0, badReads);
        Assert.True(reads > 0);
        Assert.IsType<FileRead<ToolState>.Current>(Format().Read(File.ReadAllBytes(path)));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(["tool.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // no temporary files left behind
    }

    [Fact]
    public void EverySave_LeavesMode0600_EvenOverAWiderFile()
    {
        using var dir = new TempDirectory("filestore-mode");
        var path = Path.Combine(dir.Path, "tool.json");
        var store = Store(path);
        for (var i = 0; i < 5; i++)
        {
            if (File.Exists(path)) File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            store.Save(new ToolState("u", i));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void WiderModeOnLoad_IsALoudWarning_AndIsTightened()
    {
        using var dir = new TempDirectory("filestore-wide");
        var path = Path.Combine(dir.Path, "tool.json");
        Store(path).Save(new ToolState("u", 1));
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var log = new RecordingLogger();

        new FileStore<ToolState>(path, Format(), log).Load();

        var warning = Assert.Single(log.At(LogLevel.Warning));
        Assert.Contains("SECURITY", warning, StringComparison.Ordinal);
        Assert.Contains(path, warning, StringComparison.Ordinal);
        Assert.Contains("644", warning, StringComparison.Ordinal);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public void OlderSchema_IsMigratedAndRewrittenAtomically()
    {
        using var dir = new TempDirectory("filestore-migrate");
        var path = Path.Combine(dir.Path, "tool.json");
        File.WriteAllText(path, """{"server": "https://old", "retries": "4"}"""); // version 1: no version field, retries as text

        var value = Store(path).Load();

        Assert.Equal(new ToolState("https://old", 4), value);
        var rewritten = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(2, rewritten["version"]!.GetValue<int>());
        Assert.Equal(4, rewritten["retries"]!.GetValue<int>());
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData("""{"version": 9, "server": "x", "retries": 1}""", "schema version 9 is newer")]
    [InlineData("""{"server": "x", """, "not valid JSON")]
    public void UnreadableFile_FailsNamingTheFile_AndIsNotOverwritten(string content, string expected)
    {
        using var dir = new TempDirectory("filestore-bad");
        var path = Path.Combine(dir.Path, "tool.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => Store(path).Load());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void TextFormat_WritesOneLine_AndSeedsAnEmptyFile()
    {
        using var dir = new TempDirectory("filestore-text");
        var path = Path.Combine(dir.Path, "admin.token");
        File.WriteAllText(path, "  \n");
        var store = new FileStore<string>(path, new TextFileFormat(() => "seeded-token"));

        Assert.Equal("seeded-token", store.Load());
        Assert.Equal("seeded-token\n", File.ReadAllText(path));
        Assert.Equal("seeded-token", store.Load());
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    private static FileStore<ToolState> Store(string path) => new(path, Format());

    private static JsonFileFormat<ToolState> Format() => new(
        currentVersion: 2,
        seed: () => new ToolState("https://localhost", 3),
        typeInfo: ToolJson.Default.ToolState,
        migrations: new Dictionary<int, Func<JsonObject, JsonObject>>
        {
            // v1 → v2: retries was a string.
            [1] = v1 =>
            {
                v1["retries"] = int.Parse(v1["retries"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                return v1;
            },
        });
}

public sealed record ToolState(string Server, int Retries);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ToolState))]
internal sealed partial class ToolJson : JsonSerializerContext;
