using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Git;

/// <summary>How the objects libgit2 writes reach stable storage before a branch is moved to them.</summary>
/// <remarks>
/// <para>On Linux, libgit2's own fsync (<c>GIT_OPT_ENABLE_FSYNC_GITDIR</c>) costs two fsyncs per loose object and still
/// does not flush the new <c>objects/xx/</c> directory entries. There the store instead writes the objects unsynced and
/// makes one <c>syncfs</c> call (<see cref="FlushObjects"/>) before the ref update, which covers the object files and
/// their directory entries at once. Elsewhere libgit2's fsync is turned on and <see cref="FlushObjects"/> does nothing.</para>
/// <para>LibGit2Sharp 0.32 has no public setter for the option, so <c>git_libgit2_opts</c> is called directly in the
/// native library LibGit2Sharp ships. The name below is tied to LibGit2Sharp.NativeBinaries; a package upgrade that
/// renames it makes <see cref="Configure"/> throw (and the store tests fail) rather than silently lose durability.</para>
/// </remarks>
internal static class LibGit2Durability
{
    private const string NativeLibrary = "libgit2-5853918";
    private const int EnableFsyncGitdir = 19; // enum git_libgit2_opt_t in git2/common.h
    private static int _configured;

    /// <summary>True where one file-system flush replaces libgit2's per-object fsync.</summary>
    public static bool FlushesFileSystem => OperatingSystem.IsLinux();

    /// <summary>Sets libgit2's fsync option for this process (off where <see cref="FlushesFileSystem"/>, else on).</summary>
    public static void Configure()
    {
        if (Volatile.Read(ref _configured) == 1) return;
        // Make LibGit2Sharp load and initialise the native library first.
        _ = LibGit2Sharp.GlobalSettings.Version;
        var result = SetOption(EnableFsyncGitdir, FlushesFileSystem ? 0 : 1);
        if (result != 0) throw new InvalidOperationException($"git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR) failed with {result}");
        Volatile.Write(ref _configured, 1);
    }

    /// <summary>Makes every object written so far durable (before a ref is pointed at them).</summary>
    public static void FlushObjects(string gitDirectory)
    {
        if (FlushesFileSystem) DurableFile.SyncFileSystem(gitDirectory);
    }

    // git_libgit2_opts is variadic; on the SysV x86-64 and AArch64 Linux ABIs integer variadic arguments are passed
    // like fixed ones, which is also how LibGit2Sharp itself calls it.
    [DllImport(NativeLibrary, EntryPoint = "git_libgit2_opts")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetOption(int option, int value);
}
