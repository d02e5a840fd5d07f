using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>A rendered chart: one document per template, each loaded by KubernetesClient's strict YAML loader.</summary>
internal sealed partial class RenderedChart
{
    private RenderedChart(IReadOnlyList<RenderedDocument> documents) => Documents = documents;

    public IReadOnlyList<RenderedDocument> Documents { get; }

    public IEnumerable<T> All<T>() => Documents.Select(d => d.Object).OfType<T>();

    public T Single<T>() => Assert.Single(All<T>());

    public V1Deployment Deployment => Single<V1Deployment>();

    public V1Container Container => Assert.Single(Deployment.Spec.Template.Spec.Containers);

    /// <summary>Splits the output at <c>---</c> lines and loads each document strictly: an unknown field, an unknown
    /// kind or a value of the wrong type throws, naming the template it came from.</summary>
    public static RenderedChart Load(string output)
    {
        var documents = new List<RenderedDocument>();
        foreach (var text in DocumentSeparator().Split(output))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var source = SourceComment().Match(text) is { Success: true } m ? m.Groups[1].Value : "(unknown)";
            List<object> objects;
            try
            {
                objects = KubernetesYaml.LoadAllFromString(text, typeMap: null, strict: true);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{source} is not a valid Kubernetes object: {ex.Message}\n{text}");
            }
            foreach (var obj in objects) documents.Add(new RenderedDocument(source, obj));
        }
        return new RenderedChart(documents);
    }

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^# Source: (\S+)", RegexOptions.Multiline)]
    private static partial Regex SourceComment();
}

internal sealed record RenderedDocument(string Source, object Object);
