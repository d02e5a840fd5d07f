using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace GitOps.WebhookApi.Graph;

/// <summary>The library's System.Text.Json serializer, plus JSON in and out of the endpoint without intermediate strings
/// or streams: requests are parsed from their UTF-8 bytes, answers written with one <see cref="Utf8JsonWriter"/> straight
/// into the response's pipe.</summary>
internal sealed class GraphSerializer(IErrorInfoProvider errorInfoProvider) : GraphQLSerializer(errorInfoProvider)
{
    /// <summary>The options with the library's converters (requests, inputs, execution results).</summary>
    public JsonSerializerOptions Options => SerializerOptions;

    public async Task WriteResponseAsync(HttpResponse response, ExecutionResult result, CancellationToken cancellationToken)
    {
        var options = new JsonWriterOptions { Encoder = SerializerOptions.Encoder, Indented = SerializerOptions.WriteIndented, SkipValidation = true };
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, options))
            JsonSerializer.Serialize(writer, result, SerializerOptions);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
