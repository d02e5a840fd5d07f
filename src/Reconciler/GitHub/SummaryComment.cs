using System.Globalization;

namespace GitOps.Reconciler.GitHub;

/// <summary>Renders a validation as the commit status description and the pull-request comment (Markdown).</summary>
public static class SummaryComment
{
    /// <summary>Hidden marker that identifies our comment, so later pushes update it instead of adding another.</summary>
    public const string Marker = "<!-- gitops-reconciler:summary -->";

    /// <summary>GitHub limits commit status descriptions to 140 characters.</summary>
    public const int MaxDescriptionLength = 140;

    private const int MaxListedErrors = 50;

    public static string Description(PullRequestValidation validation) => Truncate(validation switch
    {
        PullRequestValidation.NotFetched n => $"Could not fetch the head: {n.Reason}",
        PullRequestValidation.Validated { Summary.IsValid: false } v =>
            $"Invalid: {Count(v.Summary.Errors.Length, "error")}, first {v.Summary.Errors[0].File}:{v.Summary.Errors[0].Line}: {v.Summary.Errors[0].Message}",
        PullRequestValidation.Validated v =>
            $"Valid: {Count(v.Summary.Plugins.Length, "plugin")} and {Count(v.Summary.Sources.Length, "source")} changed",
        _ => throw new InvalidOperationException("unknown validation outcome"),
    });

    public static string Render(PullRequestValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var text = new StringBuilder().AppendLine(Marker);
        switch (validation)
        {
            case PullRequestValidation.NotFetched n:
                text.AppendLine("### gitops/validate: not validated").AppendLine()
                    .AppendLine(CultureInfo.InvariantCulture, $"The head commit `{PullRequestRef.ShortSha(n.PullRequest.HeadSha)}` could not be fetched: {n.Reason}");
                break;
            case PullRequestValidation.Validated v:
                RenderSummary(text, v.Summary);
                if (v.Plan is not null) text.AppendLine().Append(Planning.PlanMarkdown.Render(v.Plan, v.Summary.Errors));
                break;
        }
        return text.ToString();
    }

    private static void RenderSummary(StringBuilder text, ChangeSummary summary)
    {
        text.AppendLine(summary.IsValid ? "### gitops/validate: valid" : $"### gitops/validate: invalid ({Count(summary.Errors.Length, "error")})").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Head `{PullRequestRef.ShortSha(summary.HeadSha)}` compared with base `{(summary.BaseSha.Length > 0 ? PullRequestRef.ShortSha(summary.BaseSha) : "(none)")}`.").AppendLine();
        if (!summary.IsValid)
        {
            text.AppendLine("| file | line | field | message |").AppendLine("|---|---|---|---|");
            foreach (var e in summary.Errors.Take(MaxListedErrors))
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{e.File}` | {e.Line} | {Cell(e.Field)} | {Cell(e.Message)} |");
            if (summary.Errors.Length > MaxListedErrors) text.AppendLine(CultureInfo.InvariantCulture, $"\n… and {summary.Errors.Length - MaxListedErrors} more.");
            text.AppendLine();
        }
        if (summary.Plugins.Length > 0)
        {
            text.AppendLine("**Plugins**").AppendLine().AppendLine("| plugin | change |").AppendLine("|---|---|");
            foreach (var p in summary.Plugins)
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{p.Plugin}` | {Kind(p.Change)}{(p.ConfigChanged ? ", config changed" : "")} |");
            text.AppendLine();
        }
        if (summary.Sources.Length > 0)
        {
            text.AppendLine("**Sources**").AppendLine().AppendLine("| plugin | source | change | enabled | entities |").AppendLine("|---|---|---|---|---|");
            foreach (var s in summary.Sources)
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{s.Plugin}` | `{s.Source}` | {Kind(s.Change)} | {Enabled(s)} | {Entities(s)} |");
            text.AppendLine();
        }
        if (summary.IsValid && summary.Plugins.IsEmpty) text.AppendLine("No plugin or source changes.").AppendLine();
        if (summary.ChangedFiles.Length > 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"<details><summary>{Count(summary.ChangedFiles.Length, "changed file")}</summary>\n\n{string.Join('\n', summary.ChangedFiles.Select(f => $"- `{f}`"))}\n</details>");
    }

    private static string Kind(ChangeKind kind) => kind.ToString().ToLowerInvariant();

    private static string Enabled(SourceChange s) => s switch
    {
        { EnabledFlipped: true } => $"**{Bool(s.EnabledBefore)} → {Bool(s.EnabledAfter)}**",
        { EnabledAfter: { } after } => Bool(after),
        { EnabledBefore: { } before } => Bool(before),
        _ => "",
    };

    private static string Entities(SourceChange s)
    {
        if (s.EntitiesBefore is null && s.EntitiesAfter is null) return "n/a";
        var before = s.EntitiesBefore?.ToString(CultureInfo.InvariantCulture) ?? "–";
        var after = s.EntitiesAfter?.ToString(CultureInfo.InvariantCulture) ?? "–";
        var delta = s.EntityDelta is { } d ? $" ({d:+0;-0;±0})" : "";
        return $"{before} → {after}{delta}";
    }

    private static string Bool(bool? value) => value switch { true => "true", false => "false", null => "" };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Truncate(string value) => value.Length <= MaxDescriptionLength ? value : value[..(MaxDescriptionLength - 1)] + "…";
}
