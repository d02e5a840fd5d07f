using System.Collections;
using System.Reflection;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>The service's options, found by reflection: every class in the GitOps.* product assemblies with a
/// <c>public const string SectionName</c> under <c>GitOps</c>. Answers whether an environment variable such as
/// <c>GitOps__Auth__Tokens__0__Sha256</c> binds to a real property, the way the configuration binder walks it.</summary>
internal sealed class OptionsCatalog
{
    private readonly IReadOnlyList<(string[] Section, Type Type)> _sections;

    private OptionsCatalog(IReadOnlyList<(string[] Section, Type Type)> sections) => _sections = sections;

    public IEnumerable<string> Sections => _sections.Select(s => $"{string.Join(':', s.Section)} ({s.Type.Name})");

    public static OptionsCatalog Load() => Load(ProductAssemblies());

    public static OptionsCatalog Load(IEnumerable<Assembly> assemblies)
    {
        var sections = new List<(string[], Type)>();
        foreach (var assembly in assemblies)
        {
            foreach (var type in LoadableTypes(assembly))
            {
                var field = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static);
                if (field is not { IsLiteral: true } || field.GetRawConstantValue() is not string section) continue;
                if (!section.StartsWith("GitOps", StringComparison.Ordinal)) continue;
                sections.Add((section.Split(':'), type));
            }
        }
        return new OptionsCatalog(sections);
    }

    /// <summary>True when <paramref name="environmentVariable"/> (<c>GitOps__Section__Key</c>) names a scalar property.</summary>
    public bool Binds(string environmentVariable)
    {
        var path = environmentVariable.Split("__");
        foreach (var (section, type) in _sections)
        {
            if (path.Length <= section.Length) continue;
            if (!section.Select((s, i) => string.Equals(s, path[i], StringComparison.OrdinalIgnoreCase)).All(x => x)) continue;
            if (Resolves(type, path.AsSpan(section.Length))) return true;
        }
        return false;
    }

    private static bool Resolves(Type type, ReadOnlySpan<string> rest)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (rest.IsEmpty) return IsScalar(type);
        if (DictionaryValueType(type) is { } valueType) return Resolves(valueType, rest[1..]);
        if (ElementType(type) is { } elementType)
            return int.TryParse(rest[0], out var index) && index >= 0 && Resolves(elementType, rest[1..]);
        var property = type.GetProperty(rest[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanRead: true } && (property.SetMethod is { IsPublic: true } || !IsScalar(property.PropertyType))
            && Resolves(property.PropertyType, rest[1..]);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(Uri) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid)
        || (Nullable.GetUnderlyingType(type) is { } inner && IsScalar(inner));

    private static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } d && d.GetGenericArguments()[0] == typeof(string) ? d.GetGenericArguments()[1]
        : GenericInterface(type, typeof(IReadOnlyDictionary<,>)) is { } r && r.GetGenericArguments()[0] == typeof(string) ? r.GetGenericArguments()[1]
        : null;

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && GenericInterface(type, typeof(IEnumerable<>)) is { } e ? e.GetGenericArguments()[0]
        : null;

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type
        : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    /// <summary>GitOps.* assemblies beside the tests, except the test assemblies and their fixtures.</summary>
    private static IEnumerable<Assembly> ProductAssemblies() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "GitOps.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name is not null && !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "GitOps.TestSupport")
            .Select(name => Assembly.Load(new AssemblyName(name!)));

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
