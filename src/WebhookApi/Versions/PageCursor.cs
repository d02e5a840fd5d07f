using System.Buffers.Text;

namespace GitOps.WebhookApi.Versions;

/// <summary>The opaque <c>cursor</c> of a paged list (<c>next</c> in one answer, <c>?cursor=</c> in the next request):
/// base64url of a position the server understands; a client never builds one.</summary>
internal static class PageCursor
{
    public const string Parameter = "cursor";

    public static string Encode(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    /// <returns>The position (null when no cursor was sent), or the problem naming the parameter.</returns>
    public static (string? Position, ProblemHttpResult? Problem) Decode(string? cursor, Func<string, bool> valid)
    {
        if (string.IsNullOrEmpty(cursor)) return (null, null);
        try
        {
            var position = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (valid(position)) return (position, null);
        }
        catch (FormatException)
        {
            // answered below, like any cursor this server did not give
        }
        return (null, Problems.BadRequest("'cursor' is not a cursor this server gave: pass the 'next' value of the previous page unchanged",
            new Dictionary<string, object?> { ["parameter"] = Parameter }));
    }
}
