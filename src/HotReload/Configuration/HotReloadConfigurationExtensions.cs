using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace GitOps.HotReload.Configuration;

/// <summary>Adds a mounted directory to configuration; bind options from it as usual and read them through <c>IOptionsMonitor&lt;T&gt;</c>.</summary>
public static class HotReloadConfigurationExtensions
{
    /// <summary>Adds the <c>*.yaml</c>/<c>*.json</c> keys of <paramref name="path"/>, each file under its name without extension.
    /// The initial load failing throws <see cref="HotReloadStartupException"/> naming the file.</summary>
    public static IConfigurationBuilder AddMountedDirectory(this IConfigurationBuilder builder, string path, Action<MountedConfigurationSourceBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new MountedConfigurationSourceBuilder(path);
        configure?.Invoke(options);
        return builder.Add(options.Build());
    }

    /// <summary>A validation that binds section <paramref name="section"/> to <typeparamref name="TOptions"/> and checks its
    /// DataAnnotations, so a bad value is refused at the mount instead of failing <c>IOptionsMonitor.CurrentValue</c>.</summary>
    public static Func<IConfiguration, IReadOnlyList<string>> ValidateDataAnnotations<TOptions>(string section)
        where TOptions : class, new() => configuration =>
        {
            var options = new TOptions();
            try
            {
                configuration.GetSection(section).Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                return [$"{section}: {ex.Message}"];
            }
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return [];
            return [.. results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}")];
        };
}

/// <summary>Settings of <see cref="HotReloadConfigurationExtensions.AddMountedDirectory"/>.</summary>
public sealed class MountedConfigurationSourceBuilder(string path)
{
    public HotReloadOptions Watch { get; } = new() { Path = path };

    /// <inheritdoc cref="MountedConfigurationSource.PrefixWithFileName"/>
    public bool PrefixWithFileName { get; set; } = true;

    /// <inheritdoc cref="MountedConfigurationSource.Include"/>
    public Func<string, bool>? Include { get; set; }

    /// <inheritdoc cref="MountedConfigurationSource.Validate"/>
    public Func<IConfiguration, IReadOnlyList<string>>? Validate { get; set; }

    /// <inheritdoc cref="MountedConfigurationSource.LoggerFactory"/>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    public TimeProvider? Time { get; set; }

    internal MountedConfigurationSource Build() => new()
    {
        Watch = Watch,
        PrefixWithFileName = PrefixWithFileName,
        Include = Include,
        Validate = Validate,
        LoggerFactory = LoggerFactory,
        Time = Time,
    };
}
