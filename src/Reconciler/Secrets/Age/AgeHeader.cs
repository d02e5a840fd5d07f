namespace GitOps.Reconciler.Secrets.Age;

/// <summary>One recipient stanza of an age header: its arguments and its body.</summary>
internal sealed record AgeStanza(ImmutableArray<string> Arguments, byte[] Body);

/// <summary>A parsed age header. <see cref="MacInputLength"/> covers the bytes up to and including <c>---</c> (the MAC input);
/// <see cref="Length"/> is where the payload starts.</summary>
internal sealed record AgeHeader(ImmutableArray<AgeStanza> Stanzas, byte[] Mac, int MacInputLength, int Length)
{
    /// <summary>Parses the header strictly (the MAC only verifies canonical bytes anyway); null when malformed.</summary>
    public static AgeHeader? Parse(ReadOnlySpan<byte> file)
    {
        var offset = 0;
        if (ReadLine(file, ref offset) != AgeFile.Version) return null;
        var stanzas = ImmutableArray.CreateBuilder<AgeStanza>();
        while (true)
        {
            var lineStart = offset;
            if (ReadLine(file, ref offset) is not { } line) return null;
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                var mac = AgeBase64.Decode(line[4..]);
                return mac is { Length: 32 } && stanzas.Count > 0 ? new AgeHeader(stanzas.ToImmutable(), mac, lineStart + 3, offset) : null;
            }
            if (!line.StartsWith("-> ", StringComparison.Ordinal)) return null;
            var arguments = line[3..].Split(' ');
            if (arguments.Any(a => a.Length == 0)) return null;
            var body = new List<byte>();
            while (true)
            {
                if (ReadLine(file, ref offset) is not { } bodyLine || bodyLine.Length > AgeBase64.LineLength) return null;
                if (AgeBase64.Decode(bodyLine) is not { } bytes) return null;
                body.AddRange(bytes);
                if (bodyLine.Length < AgeBase64.LineLength) break;
            }
            stanzas.Add(new AgeStanza([.. arguments], [.. body]));
        }
    }

    /// <summary>Reads one LF-terminated line of printable ASCII; null at the end or on other bytes.</summary>
    private static string? ReadLine(ReadOnlySpan<byte> file, ref int offset)
    {
        var end = file[offset..].IndexOf((byte)'\n');
        if (end < 0 || end > 4096) return null;
        var bytes = file.Slice(offset, end);
        foreach (var b in bytes)
            if (b < 0x20 || b > 0x7e) return null;
        offset += end + 1;
        return Encoding.ASCII.GetString(bytes);
    }
}
