namespace GitOps.Reconciler.Configuration.Yaml;

/// <summary>The outcome of reading one YAML file: its root node (null for an empty file) or the first error.</summary>
public abstract record YamlReadResult
{
    private YamlReadResult() { }

    public sealed record Read(YamlNode? Root) : YamlReadResult;

    public sealed record Failed(ValidationError Error) : YamlReadResult;
}
