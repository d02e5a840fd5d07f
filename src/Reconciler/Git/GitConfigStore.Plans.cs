namespace GitOps.Reconciler.Git;

public sealed partial class GitConfigStore
{
    /// <summary>Reads the sides of a plan (Planning/): through the store's repository handle and its tree reader and cache.</summary>
    internal Planning.PlanTrees PlanTrees => new(_repository, _reader);
}
