namespace GitOps.HotReload.Mounts;

/// <summary>Finds paths that will never see an update: a <c>subPath</c> mount of a ConfigMap key (kubelet bind-mounts
/// the file once and never refreshes it) or a single file given instead of the mounted directory.</summary>
internal static class MountInspection
{
    private const string MountInfo = "/proc/self/mountinfo";

    /// <summary>Human-readable reasons why <paramref name="path"/> (or a key in it) cannot update; empty when it can.</summary>
    public static IReadOnlyList<string> NeverUpdating(string path, bool isSingleFile)
    {
        var problems = new List<string>();
        var mountPoints = ReadMountPoints();
        if (isSingleFile)
        {
            problems.Add(mountPoints.Contains(path)
                ? $"{path} is a subPath mount: kubelet never updates subPath mounts; mount the whole volume and watch its directory"
                : $"{path} is a single file, not a directory: a kubelet ..data swap beside it is seen, but a subPath mount of it would never update");
            return problems;
        }
        if (!Directory.Exists(path)) return problems;
        foreach (var file in Directory.EnumerateFiles(path))
        {
            if (mountPoints.Contains(Path.GetFullPath(file)))
                problems.Add($"{file} is a subPath (bind) mount inside the watched directory: it will never update");
        }
        return problems;
    }

    private static HashSet<string> ReadMountPoints()
    {
        var points = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(MountInfo)) return points;
        foreach (var line in File.ReadLines(MountInfo))
        {
            // Field 5 is the mount point, with space, tab, newline and backslash written as octal escapes.
            var fields = line.Split(' ');
            if (fields.Length > 4) points.Add(Unescape(fields[4]));
        }
        return points;
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal)) return field;
        var builder = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                builder.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }
        return builder.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
