using System.Runtime.InteropServices;

namespace GitOps.Reconciler.Git;

/// <summary>Turns on libgit2's fsync of every object, pack and ref file it writes (<c>GIT_OPT_ENABLE_FSYNC_GITDIR</c>).</summary>
/// <remarks>LibGit2Sharp 0.32 has no public setter for this option, so <c>git_libgit2_opts</c> is called directly in the
/// native library LibGit2Sharp ships. The name below is tied to LibGit2Sharp.NativeBinaries; a package upgrade that
/// renames it makes <see cref="Enable"/> throw (and the store tests fail) rather than silently lose durability.</remarks>
internal static class LibGit2Durability
{
    private const string NativeLibrary = "libgit2-5853918";
    private const int EnableFsyncGitdir = 19; // enum git_libgit2_opt_t in git2/common.h
    private static int _enabled;

    public static void Enable()
    {
        if (Volatile.Read(ref _enabled) == 1) return;
        // Make LibGit2Sharp load and initialise the native library first.
        _ = LibGit2Sharp.GlobalSettings.Version;
        var result = SetOption(EnableFsyncGitdir, 1);
        if (result != 0) throw new InvalidOperationException($"git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR) failed with {result}");
        Volatile.Write(ref _enabled, 1);
    }

    // git_libgit2_opts is variadic; on the SysV x86-64 and AArch64 Linux ABIs integer variadic arguments are passed
    // like fixed ones, which is also how LibGit2Sharp itself calls it.
    [DllImport(NativeLibrary, EntryPoint = "git_libgit2_opts")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetOption(int option, int value);
}
