using System.CommandLine.Parsing;
using System.Globalization;

namespace GitOps.Cli;

/// <summary>Parsers for option values that say what is wrong in the user's words (the option and what it takes)
/// instead of System.CommandLine's default message naming a .NET type.</summary>
internal static class OptionParsers
{
    /// <summary>A whole number from 1 to <paramref name="max"/>.</summary>
    public static Func<ArgumentResult, int> PositiveInt(string option, int max = int.MaxValue) => result =>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max) return value;
        result.AddError(max == int.MaxValue
            ? $"{option} takes a whole number of 1 or more, not '{text}'"
            : $"{option} takes a whole number from 1 to {max}, not '{text}'");
        return 0;
    };

    public static OutputFormat Format(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format) && !text.Any(char.IsDigit)) return format;
        result.AddError($"-o/--output takes table, json or yaml, not '{text}'");
        return OutputFormat.Table;
    }
}
