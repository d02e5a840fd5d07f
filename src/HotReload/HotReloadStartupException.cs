namespace GitOps.HotReload;

/// <summary>The initial load failed: there is no previous value to keep, so the process must not start.</summary>
public sealed class HotReloadStartupException : Exception
{
    public HotReloadStartupException(string message)
        : base(message)
    {
    }

    public HotReloadStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HotReloadStartupException()
    {
    }
}
