using System.Globalization;
using GitOps.Reconciler.Configuration.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Reconciler.Configuration;

/// <summary>Writes a <see cref="SourcesDocument"/> back to sources.yaml (gitops/v1) and gives sources a canonical form for hashing.</summary>
/// <remarks>Written through YamlDotNet's event emitter so that every scalar reads back as the same value:
/// strings that would read as null, a bool or a number are quoted, doubles always carry a fraction or exponent,
/// multi-line strings become literal blocks. <c>Parse(Write(d))</c> equals <c>d</c> field by field.</remarks>
public static class SourcesYamlWriter
{
    private static readonly EmitterSettings Settings = new EmitterSettings().WithIndentedSequences().WithBestWidth(int.MaxValue);

    /// <summary>Writes the document as gitops/v1 YAML (UTF-8). Optional fields are written only when set.</summary>
    public static byte[] Write(SourcesDocument document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart());
        Scalar(emitter, "apiVersion");
        Scalar(emitter, SourcesDocument.CurrentApiVersion);
        Scalar(emitter, "plugin");
        Scalar(emitter, document.Plugin);
        if (document.Config.Count > 0)
        {
            Scalar(emitter, "config");
            Value(emitter, document.Config);
        }
        Scalar(emitter, "sources");
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, document.Sources.IsEmpty ? SequenceStyle.Flow : SequenceStyle.Block));
        foreach (var source in document.Sources) Entry(emitter, source);
        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Entry(IEmitter emitter, SourceConfig source)
    {
        emitter.Emit(new MappingStart());
        Scalar(emitter, "id");
        Scalar(emitter, source.Id);
        Scalar(emitter, "name");
        Scalar(emitter, source.Name);
        Scalar(emitter, "type");
        Scalar(emitter, source.Type);
        Scalar(emitter, "enabled");
        Value(emitter, source.Enabled);
        Strings(emitter, "labels", source.Labels);
        if (source.Properties.Count > 0)
        {
            Scalar(emitter, "properties");
            Value(emitter, source.Properties);
        }
        Strings(emitter, "include", source.Include);
        Strings(emitter, "exclude", source.Exclude);
        emitter.Emit(new MappingEnd());
    }

    private static void Strings(IEmitter emitter, string key, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0) return;
        Scalar(emitter, key);
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
        foreach (var value in values) Scalar(emitter, value);
        emitter.Emit(new SequenceEnd());
    }

    private static void Value(IEmitter emitter, object? value)
    {
        switch (value)
        {
            case null: Plain(emitter, "null"); break;
            case string s: Scalar(emitter, s); break;
            case bool b: Plain(emitter, b ? "true" : "false"); break;
            case double d: Plain(emitter, ScalarResolver.FloatText(d)); break;
            case float f: Plain(emitter, ScalarResolver.FloatText(f)); break;
            case decimal m: Plain(emitter, ScalarResolver.FloatText((double)m)); break;
            case IConvertible c when IsInteger(value): Plain(emitter, c.ToString(CultureInfo.InvariantCulture)); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                var entries = map.ToList();
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, entries.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (k, v) in entries)
                {
                    Scalar(emitter, k);
                    Value(emitter, v);
                }
                emitter.Emit(new MappingEnd());
                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().ToList();
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in items) Value(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            default: Scalar(emitter, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""); break;
        }
    }

    /// <summary>A string scalar that reads back as this very string.</summary>
    private static void Scalar(IEmitter emitter, string value)
    {
        var style = ScalarResolver.ResolvePlain(value) is not string || value != value.Trim() ? ScalarStyle.DoubleQuoted
            : value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : ScalarStyle.Any;
        emitter.Emit(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, value, style, style == ScalarStyle.Any, true));
    }

    private static void Plain(IEmitter emitter, string value) =>
        emitter.Emit(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false));

    private static bool IsInteger(object value) => value is long or int or short or sbyte or byte or ushort or uint or ulong;

    /// <summary>A canonical byte form of one source entry (stable across formatting changes of the YAML).</summary>
    public static byte[] CanonicalJson(SourceConfig source) => CanonicalSource.Json(source);
}
