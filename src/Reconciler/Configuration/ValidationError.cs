namespace GitOps.Reconciler.Configuration;

/// <summary>One problem found in the config repository. <see cref="File"/> is repository-relative
/// (e.g. <c>plugins/models/sources.yaml</c>); <see cref="Line"/> and <see cref="Column"/> are 1-based, 0 when unknown.
/// <see cref="Field"/> is a path such as <c>sources[2].id</c>, or empty for file-level problems.</summary>
public sealed record ValidationError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Field.Length > 0 ? Field + ": " : "")}{Message}";
}
