using GitOps.Cli.Input;

namespace GitOps.Cli.Commands;

/// <summary>Reads the <c>-f</c> file of a command, printing why when it cannot be used.</summary>
internal static class InputDocument
{
    public static JsonNode? Read(ApiCall call, string path)
    {
        switch (DocumentFile.Read(path))
        {
            case DocumentResult.Parsed parsed:
                return parsed.Document;
            case DocumentResult.Failed failed:
                call.Context.Error.WriteLine($"error: {failed.Message}");
                return null;
            default:
                return null;
        }
    }

    public static JsonObject? ReadObject(ApiCall call, string path, string what)
    {
        var document = Read(call, path);
        if (document is null) return null;
        if (document is JsonObject obj) return obj;
        call.Context.Error.WriteLine($"error: {path}: {what} must be a mapping");
        return null;
    }
}
