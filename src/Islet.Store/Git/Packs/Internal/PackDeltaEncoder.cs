using System.Buffers.Binary;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// Builds a Git delta (gitformat-pack "Deltified representation") that <see cref="PackDelta.Apply"/>
/// turns from a base into a target. The base is indexed by its aligned 16-byte blocks; the target is
/// scanned byte by byte, and where a block of the base matches, the match is extended both ways and
/// written as copies; everything else is inserted literally.
/// </summary>
internal static class PackDeltaEncoder
{
    private const int BlockSize = 16;
    private const int MaxCopy = 0x10000;
    private const int MaxInsert = 127;

    /// <summary>
    /// The delta from <paramref name="source"/> to <paramref name="target"/>, or null when it would be
    /// at least <paramref name="limit"/> bytes long (the caller then stores the target whole).
    /// </summary>
    public static byte[]? Encode(ReadOnlySpan<byte> source, ReadOnlySpan<byte> target, int limit)
    {
        var blocks = new Dictionary<UInt128, int>(source.Length / BlockSize + 1);
        for (int i = 0; i + BlockSize <= source.Length; i += BlockSize)
            blocks.TryAdd(Block(source, i), i);

        var output = new List<byte>(Math.Min(limit, target.Length / 4 + 16));
        WriteSize(output, source.Length);
        WriteSize(output, target.Length);
        int pending = 0; // start of the literal bytes not yet written
        int position = 0;
        while (position + BlockSize <= target.Length)
        {
            if (!blocks.TryGetValue(Block(target, position), out int match))
            {
                // The literals since the last copy will all be inserted: once they alone reach the
                // limit, no delta can be short enough (on unrelated data this ends the scan early).
                if (output.Count + (position - pending) >= limit)
                    return null;
                position++;
                continue;
            }
            // Extend backwards into the pending literals, then forwards past the block.
            int start = position, from = match;
            while (start > pending && from > 0 && target[start - 1] == source[from - 1])
            {
                start--;
                from--;
            }
            int end = position + BlockSize, fromEnd = match + BlockSize;
            while (end < target.Length && fromEnd < source.Length && target[end] == source[fromEnd])
            {
                end++;
                fromEnd++;
            }
            WriteInserts(output, target[pending..start]);
            WriteCopies(output, from, end - start);
            if (output.Count >= limit)
                return null;
            pending = position = end;
        }
        WriteInserts(output, target[pending..]);
        return output.Count < limit ? [.. output] : null;
    }

    /// <summary>
    /// The delta from <paramref name="source"/> to a <paramref name="target"/> that differs from it in
    /// one stretch (a tree with an entry set, added or removed): the common prefix and suffix are
    /// copied and the middle inserted, with no index of the base. Null when the delta would be at
    /// least <paramref name="limit"/> bytes long.
    /// </summary>
    public static byte[]? EncodeAroundChange(ReadOnlySpan<byte> source, ReadOnlySpan<byte> target, int limit)
    {
        int prefix = source.CommonPrefixLength(target);
        int most = Math.Min(source.Length, target.Length) - prefix;
        int suffix = 0;
        while (suffix < most && source[source.Length - 1 - suffix] == target[target.Length - 1 - suffix])
            suffix++;
        ReadOnlySpan<byte> middle = target[prefix..(target.Length - suffix)];
        if (middle.Length >= limit)
            return null;
        var output = new List<byte>(middle.Length + 32);
        WriteSize(output, source.Length);
        WriteSize(output, target.Length);
        WriteCopies(output, 0, prefix);
        WriteInserts(output, middle);
        WriteCopies(output, source.Length - suffix, suffix);
        return output.Count < limit ? [.. output] : null;
    }

    private static UInt128 Block(ReadOnlySpan<byte> data, int offset) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]), BinaryPrimitives.ReadUInt64LittleEndian(data[(offset + 8)..]));

    private static void WriteSize(List<byte> output, long size)
    {
        while (size >= 0x80)
        {
            output.Add((byte)(size | 0x80));
            size >>= 7;
        }
        output.Add((byte)size);
    }

    private static void WriteInserts(List<byte> output, ReadOnlySpan<byte> literal)
    {
        while (literal.Length > 0)
        {
            int n = Math.Min(literal.Length, MaxInsert);
            output.Add((byte)n);
            foreach (byte b in literal[..n])
                output.Add(b);
            literal = literal[n..];
        }
    }

    /// <summary>Copy instructions: offset bytes 0-3 and size bytes 0-2 present only when nonzero (a size of 0x10000 is written as none).</summary>
    private static void WriteCopies(List<byte> output, long offset, int length)
    {
        while (length > 0)
        {
            int size = Math.Min(length, MaxCopy);
            int opIndex = output.Count;
            byte op = 0x80;
            output.Add(0);
            for (int i = 0; i < 4; i++)
            {
                byte b = (byte)(offset >> (8 * i));
                if (b != 0)
                {
                    op |= (byte)(1 << i);
                    output.Add(b);
                }
            }
            int encodedSize = size == MaxCopy ? 0 : size;
            for (int i = 0; i < 3; i++)
            {
                byte b = (byte)(encodedSize >> (8 * i));
                if (b != 0)
                {
                    op |= (byte)(0x10 << i);
                    output.Add(b);
                }
            }
            output[opIndex] = op;
            offset += size;
            length -= size;
        }
    }
}
