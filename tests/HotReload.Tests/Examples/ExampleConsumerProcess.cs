using System.Text.Json;
using GitOps.TestSupport.Hosting;

namespace GitOps.HotReload.Tests.Examples;

/// <summary>What the example-consumer tests share: where examples/consumer's build is, and waiting for its JSON page.</summary>
internal static class ExampleConsumerProcess
{
    public static string Dll => Path.Combine(RepositoryRoot.Path, "examples", "consumer", "bin", RepositoryRoot.Configuration, "net10.0", "GitOps.Examples.Consumer.dll");

    /// <summary>Polls the consumer's <c>/</c> until <paramref name="condition"/> holds; returns the last body read.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient http, Func<JsonElement, bool> condition, string what)
    {
        JsonElement last = default;
        await Waiting.UntilAsync(() =>
        {
            try
            {
                using var document = JsonDocument.Parse(http.GetStringAsync(new Uri("/", UriKind.Relative)).GetAwaiter().GetResult());
                last = document.RootElement.Clone();
                return condition(last);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, what);
        return last;
    }
}
