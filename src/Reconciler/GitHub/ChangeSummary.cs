namespace GitOps.Reconciler.GitHub;

public enum ChangeKind
{
    Added,
    Removed,
    Modified,
}

/// <summary>A plugin folder that differs between base and head. <paramref name="ConfigChanged"/>: its <c>config:</c> block changed.</summary>
public sealed record PluginChange(string Plugin, ChangeKind Change, bool ConfigChanged);

/// <summary>A source that differs between base and head. Enabled and entity counts are null on the side where the
/// source does not exist; entity counts are null for sources whose type is not <c>yaml</c> or whose catalog does not parse.</summary>
public sealed record SourceChange(
    string Plugin,
    string Source,
    ChangeKind Change,
    bool? EnabledBefore,
    bool? EnabledAfter,
    int? EntitiesBefore,
    int? EntitiesAfter)
{
    public bool EnabledFlipped => EnabledBefore is { } before && EnabledAfter is { } after && before != after;

    public int? EntityDelta => Change switch
    {
        ChangeKind.Added => EntitiesAfter,
        ChangeKind.Removed => -EntitiesBefore,
        _ => EntitiesAfter - EntitiesBefore,
    };
}

/// <summary>What a pull request changes in the config repository, against its base (DESIGN §5, issue 6 part 4).</summary>
/// <param name="BaseSha">The commit compared against (the merge base with the target branch).</param>
/// <param name="HeadSha">The validated commit.</param>
/// <param name="ChangedFiles">Paths that differ (added, removed or modified), sorted.</param>
/// <param name="Errors">Validation errors of the head; empty when it is valid. Plugin and source changes are only
/// computed for a valid head.</param>
public sealed record ChangeSummary(
    string BaseSha,
    string HeadSha,
    ImmutableArray<string> ChangedFiles,
    ImmutableArray<PluginChange> Plugins,
    ImmutableArray<SourceChange> Sources,
    ImmutableArray<ValidationError> Errors)
{
    public bool IsValid => Errors.IsEmpty;
}
