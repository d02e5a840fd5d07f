using System.Buffers.Text;
using System.Globalization;
using GitOps.WebhookApi.Runtime;

namespace GitOps.WebhookApi.Sources;

/// <summary>GET <c>/plugins/{plugin}/sources/{id}/entities</c>: what a running source loaded, filtered and paged.</summary>
internal static class EntitiesEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>A viewer's read: the <c>/api/v1</c> group's policy applies.</summary>
    public static RouteGroupBuilder MapEntitiesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plugins/{plugin}/sources/{id}/entities", GetEntities).WithName("GetSourceEntities")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }

    internal static Results<Ok<EntityPage>, ProblemHttpResult> GetEntities(string plugin, string id, string? filter, string? pageSize, string? pageToken, PluginHost host)
    {
        // One read of the running source: every page computation below sees the same loaded state.
        if (host.GetSource(plugin, id) is not { } source)
            return Problems.NotFound($"source '{id}' of plugin '{plugin}' is not running");
        var (size, sizeProblem) = QueryParameters.Int(nameof(pageSize), pageSize, DefaultPageSize, 1, MaxPageSize);
        if (sizeProblem is not null) return sizeProblem;
        var offset = 0;
        if (!string.IsNullOrEmpty(pageToken) && !TryReadToken(pageToken, out offset))
            return Problems.BadRequest("pageToken is not a token this API issued; start without one and follow nextPageToken",
                new Dictionary<string, object?> { ["parameter"] = nameof(pageToken) });

        var matches = string.IsNullOrEmpty(filter)
            ? source.Entities
            : [.. source.Entities.Where(e => e.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))];
        var items = matches.Skip(offset).Take(size).Select(e => e.Fields).ToList();
        // long: an offset near int.MaxValue must not wrap into a negative token; past the end there is no next page.
        var end = (long)offset + size;
        var next = end < matches.Length ? WriteToken((int)end) : null;
        return TypedResults.Ok(new EntityPage(items, next, matches.Length));
    }

    // Opaque to clients: base64url of a versioned offset, so the format can change without breaking old clients' parsing.
    internal static string WriteToken(int offset) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v1:{offset.ToString(CultureInfo.InvariantCulture)}"));

    internal static bool TryReadToken(string token, out int offset)
    {
        offset = 0;
        if (token.Length > 64) return false;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith("v1:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
