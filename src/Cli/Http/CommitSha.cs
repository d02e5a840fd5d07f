namespace GitOps.Cli.Http;

/// <summary>A commit sha as the API takes it: 4 to 40 hex characters, full when 40.</summary>
internal static class CommitSha
{
    public const int FullLength = 40;

    public static bool IsValid(string value) => value.Length is >= 4 and <= FullLength && value.All(char.IsAsciiHexDigit);
}
