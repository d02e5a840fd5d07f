using GitOps.TestSupport.Hosting;

namespace GitOps.HotReload.Tests.Mounts;

/// <summary>A plain folder (local development) edited the way editors save: write elsewhere, rename over the file.</summary>
public sealed class EditorRenameTests
{
    [Fact]
    public async Task MvOverTheFile_IsLoaded()
    {
        using var dir = new TempDirectory("hotreload-editor");
        var file = Path.Combine(dir.Path, "settings.json");
        File.WriteAllText(file, Settings.Json(1));
        using var mounted = MountedConfig.Open(new HotReloadOptions { Path = dir.Path }, Settings.Load);

        for (var v = 2; v <= 20; v++)
        {
            var temporary = Path.Combine(dir.Path, ".settings.json.tmp");
            File.WriteAllText(temporary, Settings.Json(v));
            File.Move(temporary, file, overwrite: true);
        }

        await Waiting.UntilAsync(() => mounted.Current.Value.Version == 20, "version 20 is served");
        Assert.Null(mounted.Current.Snapshot.DataTarget);
        Assert.Equal(["settings.json"], mounted.Current.Snapshot.Files.Keys);
    }

    [Fact]
    public async Task ViStyleSave_RenameAsideThenWriteNew_IsLoaded_AndTheBackupIsNoKey()
    {
        using var dir = new TempDirectory("hotreload-vi");
        var file = Path.Combine(dir.Path, "settings.json");
        File.WriteAllText(file, Settings.Json(1, "first"));
        using var mounted = MountedConfig.Open(new HotReloadOptions { Path = dir.Path }, Settings.Load);

        File.Move(file, file + "~", overwrite: true); // vi's writebackup: the original moves aside ...
        File.WriteAllText(file, Settings.Json(2, "second")); // ... and the new content is a new file
        File.Delete(file + "~");

        await Waiting.UntilAsync(() => mounted.Current.Value.Name == "second", "the vi save is served");
        Assert.Equal(2, mounted.Current.Value.Version);
    }
}
