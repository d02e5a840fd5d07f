using System.Collections;

namespace GitOps.Cli;

/// <summary>Where a run writes and what environment it sees; the process's own in <c>Program</c>, captured ones in tests.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, IDictionary Environment)
{
    /// <summary>Standard input (secret values are read from here, never from arguments); empty unless given.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    public string? Variable(string name) =>
        Environment.Contains(name) && Environment[name] is string value && value.Length > 0 ? value : null;
}
