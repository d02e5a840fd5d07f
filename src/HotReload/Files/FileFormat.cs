namespace GitOps.HotReload.Files;

/// <summary>How a <see cref="FileStore{T}"/> turns its value into bytes and back, with the schema's version history.</summary>
public abstract class FileFormat<T>
{
    /// <summary>The value written on first run, when the file does not exist.</summary>
    public abstract T Seed();

    /// <summary>The bytes of <paramref name="value"/> in the current schema version.</summary>
    public abstract byte[] Write(T value);

    /// <summary>Parses the file's bytes, migrating older versions to the current one.</summary>
    public abstract FileRead<T> Read(ReadOnlySpan<byte> content);
}

/// <summary>What a <see cref="FileFormat{T}"/> made of a file (closed set).</summary>
public abstract record FileRead<T>
{
    private FileRead()
    {
    }

    /// <summary>The file is in the current version.</summary>
    public sealed record Current(T Value) : FileRead<T>;

    /// <summary>The file was in version <paramref name="FromVersion"/>; <paramref name="Value"/> is migrated and the store rewrites the file.</summary>
    public sealed record Migrated(T Value, int FromVersion, int ToVersion) : FileRead<T>;

    /// <summary>The file holds nothing (e.g. empty): the store seeds it as on first run.</summary>
    public sealed record Empty : FileRead<T>;

    /// <summary>The file cannot be read as this format; <paramref name="Reason"/> says why.</summary>
    public sealed record Invalid(string Reason) : FileRead<T>;
}
