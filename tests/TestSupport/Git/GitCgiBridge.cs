using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GitOps.TestSupport.Git;

/// <summary>Runs Debian's <c>git http-backend</c> as a CGI program (RFC 3875) for one HTTP request: the request becomes its
/// environment and standard input, its standard output becomes the response (CGI header block, then the body streamed).</summary>
internal static class GitCgiBridge
{
    public const string BackendPath = "/usr/lib/git-core/git-http-backend";

    /// <summary>Serves <paramref name="context"/> from the repositories under <paramref name="projectRoot"/> as <paramref name="remoteUser"/>;
    /// standard error lines go to <paramref name="errors"/>.</summary>
    public static async Task ServeAsync(HttpContext context, string projectRoot, string remoteUser, ConcurrentQueue<string> errors)
    {
        var request = context.Request;
        var info = new ProcessStartInfo(BackendPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment(request, projectRoot, remoteUser)) info.Environment[key] = value;

        using var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.Start();
        process.BeginErrorReadLine();

        // The body goes in while the answer comes out: upload-pack may answer before it has read everything.
        var input = CopyBodyAsync(request.Body, process.StandardInput.BaseStream, context.RequestAborted);
        var output = process.StandardOutput.BaseStream;
        var (headers, rest) = await ReadHeaderBlockAsync(output, context.RequestAborted);
        ApplyHeaders(context.Response, headers);
        await context.Response.Body.WriteAsync(rest, context.RequestAborted);
        await output.CopyToAsync(context.Response.Body, context.RequestAborted);
        await input;
        await process.WaitForExitAsync(context.RequestAborted);
    }

    private static Dictionary<string, string> Environment(HttpRequest request, string projectRoot, string remoteUser)
    {
        var environment = new Dictionary<string, string>
        {
            ["GATEWAY_INTERFACE"] = "CGI/1.1",
            ["SERVER_PROTOCOL"] = request.Protocol,
            ["SERVER_SOFTWARE"] = "gitops-test-kestrel",
            ["SERVER_NAME"] = request.Host.Host,
            ["SERVER_PORT"] = (request.Host.Port ?? 80).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["REQUEST_METHOD"] = request.Method,
            ["PATH_INFO"] = request.Path.Value ?? "/",
            ["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
            ["REMOTE_ADDR"] = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            ["AUTH_TYPE"] = "Basic",
            // http-backend enables receive-pack for an authenticated user (REMOTE_USER set) unless http.receivepack says otherwise.
            ["REMOTE_USER"] = remoteUser,
            ["GIT_PROJECT_ROOT"] = projectRoot,
            ["GIT_HTTP_EXPORT_ALL"] = "1",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["HOME"] = projectRoot,
        };
        if (request.ContentType is { Length: > 0 } contentType) environment["CONTENT_TYPE"] = contentType;
        // Without CONTENT_LENGTH (a chunked upload) http-backend reads standard input to its end.
        if (request.ContentLength is { } length) environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Git gzips large upload-pack requests; http-backend inflates them itself when told so.
        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding) environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol) environment["GIT_PROTOCOL"] = protocol;
        return environment;
    }

    private static async Task CopyBodyAsync(Stream body, Stream stdin, CancellationToken cancellationToken)
    {
        try
        {
            await body.CopyToAsync(stdin, cancellationToken);
        }
        catch (IOException)
        {
            // The backend exited before reading everything (it answered an error); its output says why.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Reads standard output up to the blank line that ends the CGI header block; returns the header lines and the
    /// body bytes read past it.</summary>
    private static async Task<(IReadOnlyList<string> Headers, ReadOnlyMemory<byte> Body)> ReadHeaderBlockAsync(Stream output, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await output.ReadAsync(chunk, cancellationToken);
            if (read > 0) buffer.Write(chunk, 0, read);
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            var (end, separator) = FindBlankLine(bytes.Span);
            if (end >= 0)
            {
                var text = Encoding.ASCII.GetString(bytes.Span[..end]);
                var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
                return (lines, bytes[(end + separator)..].ToArray());
            }
            if (read == 0) throw new InvalidDataException($"git http-backend ended without a CGI header block ({buffer.Length} bytes)");
        }
    }

    private static (int Index, int Length) FindBlankLine(ReadOnlySpan<byte> bytes)
    {
        var crlf = bytes.IndexOf("\r\n\r\n"u8);
        var lf = bytes.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf)) return (crlf, 4);
        return lf >= 0 ? (lf, 2) : (-1, 0);
    }

    private static void ApplyHeaders(HttpResponse response, IReadOnlyList<string> headers)
    {
        int? status = null;
        foreach (var line in headers)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new InvalidDataException($"malformed CGI header line: {line}");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                status = int.Parse(value.Split(' ', 2)[0], System.Globalization.CultureInfo.InvariantCulture);
            else
                response.Headers.Append(name, value);
        }
        // RFC 3875 §6.2: no Status line means 200, or 302 for a client redirect (a Location header alone).
        response.StatusCode = status ?? (response.Headers.Location.Count > 0 ? StatusCodes.Status302Found : StatusCodes.Status200OK);
    }
}
