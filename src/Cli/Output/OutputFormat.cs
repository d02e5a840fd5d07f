namespace GitOps.Cli.Output;

/// <summary>How results are printed: aligned columns for people, JSON or YAML for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Yaml,
}
