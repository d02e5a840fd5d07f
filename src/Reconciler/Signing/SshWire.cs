using System.Buffers;
using System.Buffers.Binary;

namespace GitOps.Reconciler.Signing;

/// <summary>Reads the SSH wire encoding (RFC 4251 §5): uint32 lengths before byte strings. Every read is bounds-checked
/// and a short or oversized field is a <see cref="FormatException"/>, so hostile input never reads past its buffer.</summary>
internal ref struct SshWireReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly bool AtEnd => _rest.IsEmpty;

    public ReadOnlySpan<byte> Raw(int count)
    {
        if (count < 0 || count > _rest.Length) throw new FormatException("the signature ends early");
        var value = _rest[..count];
        _rest = _rest[count..];
        return value;
    }

    public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Raw(4));

    public ReadOnlySpan<byte> Bytes()
    {
        var length = UInt32();
        if (length > (uint)_rest.Length) throw new FormatException("a field is longer than the signature");
        return Raw((int)length);
    }

    public string Text() => Encoding.UTF8.GetString(Bytes());
}

/// <summary>Writes the SSH wire encoding.</summary>
internal sealed class SshWireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public SshWireWriter Raw(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public SshWireWriter UInt32(uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
        return Raw(buffer);
    }

    public SshWireWriter Bytes(ReadOnlySpan<byte> bytes) => UInt32((uint)bytes.Length).Raw(bytes);

    public SshWireWriter Text(string text) => Bytes(Encoding.UTF8.GetBytes(text));

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
