using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Secrets;

/// <summary>One master key of the key ring: an id (written into every envelope it protects) and 32 random bytes.</summary>
public sealed partial class SecretKey
{
    public const int Length = 32;

    public SecretKey(string id, byte[] material)
    {
        ArgumentNullException.ThrowIfNull(material);
        if (!IsValidId(id)) throw new ArgumentException($"key id '{id}' is not valid: 1-64 letters, digits, '.', '_' or '-'", nameof(id));
        if (material.Length != Length) throw new ArgumentException($"key '{id}' must be {Length} bytes, not {material.Length}", nameof(material));
        Id = id;
        Material = material;
    }

    public string Id { get; }

    /// <summary>The master key bytes; never logged, never leaves the process except in the key ring file.</summary>
    internal byte[] Material { get; }

    public static SecretKey Generate(string id) => new(id, RandomNumberGenerator.GetBytes(Length));

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Redacted on purpose: a key in a log line or exception message would be a leak.</summary>
    public override string ToString() => $"SecretKey({Id})";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex IdPattern();
}
